;;; eglot.el --- quotelens lsp driven by Emacs 28's eglot, in batch -*- lexical-binding: t -*-
;; Run by tests/lsp/eglot.sh with QL (the server, absolute) and DIR (a
;; copy of tests/fixtures/lsp).  Diagnostics arrive, hover, definition
;; through eglot's xref backend, references, symbols, an edit updates the
;; diagnostics, and a code action picked is applied by eglot and changes
;; only the wording.  Flymake does not start in batch, so diagnostics are
;; caught as they reach eglot.  Exits 0 when every check passed.
(package-initialize)
(require 'eglot)
(require 'cl-lib)

(defvar ql-failed 0)
(defvar ql-diags (make-hash-table :test 'equal))

(defun ql-check (ok what)
  (message "%s %s" (if ok "ok   " "FAIL ") what)
  (unless ok (setq ql-failed (1+ ql-failed))))

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (puthash uri diagnostics ql-diags))

(defun ql-wait (pred &optional seconds)
  "Reads the server's output until PRED holds or SECONDS pass."
  (let ((end (+ (float-time) (or seconds 15))))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun ql-codes (uri)
  (sort (mapcar (lambda (d) (plist-get d :code)) (append (gethash uri ql-diags) nil)) #'string<))

(let* ((dir (file-name-as-directory (getenv "DIR")))
       (article (expand-file-name "gazette.txt" dir))
       (source (expand-file-name "corpus/bulletin.txt" dir))
       (on-disk (with-temp-buffer (insert-file-contents-literally article) (buffer-string)))
       (buf (find-file-noselect article))
       uri server)
  (with-current-buffer buf
    (text-mode)
    (setq server (eglot '(text-mode) (cons 'transient dir) 'eglot-lsp-server
                        (list (getenv "QL") "lsp" :initializationOptions '(:corpus ["corpus"]))
                        "text"))
    (ql-wait (lambda () (eglot-current-server)))
    (setq uri (eglot--path-to-uri article))
    (ql-check (ql-wait (lambda () (equal (ql-codes uri) '("attribution-conflict" "wording-differs"))))
              (format "diagnostics arrive: %S" (ql-codes uri)))
    (let* ((d (cl-find "wording-differs" (gethash uri ql-diags)
                       :key (lambda (d) (plist-get d :code)) :test #'equal))
           (rel (aref (plist-get d :relatedInformation) 0)))
      (ql-check (equal (plist-get (plist-get d :range) :start) '(:line 4 :character 1))
                "the diagnostic's range in UTF-16 units")
      (ql-check (equal (eglot--uri-to-path (plist-get (plist-get rel :location) :uri)) source)
                "related information points at the other source"))
    (goto-char (point-min))
    (forward-line 4)
    (search-forward "first of")
    (let ((h (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
      (ql-check (string-match-p "~~May~~ \\*\\*June\\*\\*" (plist-get (plist-get h :contents) :value))
                "hover shows the word diff"))
    (let ((defs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot))))
      (ql-check (and (= (length defs) 1)
                     (equal (xref-location-group (xref-item-location (car defs))) source))
                "definition (eglot's xref) is the other source"))
    (let ((refs (jsonrpc-request server :textDocument/references
                                 (append (eglot--TextDocumentPositionParams)
                                         '(:context (:includeDeclaration t))))))
      (ql-check (= (length refs) 2) "references: both copies"))
    (let ((syms (jsonrpc-request server :textDocument/documentSymbol
                                 (list :textDocument (eglot--TextDocumentIdentifier)))))
      (ql-check (equal (sort (mapcar (lambda (s) (plist-get s :name)) syms) #'string<)
                       '("Ingrid Solberg" "Pavel Odin"))
                "symbols: the speakers"))
    ;; A code action the user picks: eglot applies its edit.
    (let ((before (buffer-string)))
      ;; One quickfix: eglot takes it without a menu, which batch mode lacks.
      (eglot-code-actions (point) (point) "quickfix" t)
      (ql-check (equal (buffer-string) (replace-regexp-in-string "first of May" "first of June" before))
                "the code action changed only the wording"))
    (eglot--signal-textDocument/didChange)
    (ql-check (ql-wait (lambda () (equal (ql-codes uri) '("attribution-conflict"))))
              (format "diagnostics after the action: %S" (ql-codes uri)))
    ;; Typing: the wording differs again.
    (goto-char (point-min))
    (search-forward "first of June")
    (replace-match "first of July")
    (eglot--signal-textDocument/didChange)
    (ql-check (ql-wait (lambda () (equal (ql-codes uri) '("attribution-conflict" "wording-differs"))))
              (format "diagnostics after typing: %S" (ql-codes uri)))
    (ql-check (equal on-disk (with-temp-buffer (insert-file-contents-literally article) (buffer-string)))
              "the file on disk is unchanged")
    (set-buffer-modified-p nil)
    (eglot-shutdown server)))

(message "%s" (if (zerop ql-failed) "all passed" (format "%d failed" ql-failed)))
(kill-emacs (if (zerop ql-failed) 0 1))
