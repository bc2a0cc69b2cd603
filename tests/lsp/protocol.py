"""The language server driven over a pipe as an editor would, and fed what
no editor should send. Every hostile message must get the protocol's error
(or be dropped when it has no id) and the server must keep serving; the
happy path checks diagnostics, hover, definition, references, symbols,
lenses, a code action and an edit that updates the diagnostics, with
positions in UTF-16 units and, when offered, UTF-8 bytes."""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from lspclient import Client, uri_of  # noqa: E402

QL = os.environ.get("QL", "build/quotelens")
FIX = "tests/fixtures/lsp"
ARTICLE = FIX + "/gazette.txt"
SOURCE = FIX + "/corpus/bulletin.txt"
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        raise AssertionError(what)


def error_code(m):
    return m.get("error", {}).get("code")


def digests():
    return {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in (ARTICLE, SOURCE)}


def init(c, **extra):
    params = {"processId": None, "rootUri": uri_of("."), "capabilities": {},
              "initializationOptions": {"corpus": [FIX + "/corpus"]}}
    params.update(extra)
    r = c.request("initialize", params)
    c.notify("initialized", {})
    return r


def hostile_before_init(c):
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                         "position": {"line": 0, "character": 0}})
    check(error_code(r) == -32002, "a request before initialize: ServerNotInitialized, got %s" % r)
    c.raw(b"Content-Type: text/plain\r\n\r\n")
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32700 and r["id"] is None, "a header without Content-Length: %s" % r)
    c.raw(b"Content-Length: 99999999999999999999999\r\n\r\n")
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32700, "a Content-Length no body has: %s" % r)
    c.raw(b"Content-Length: 9\r\n\r\n{\"jsonrpc")
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32700 and r["id"] is None, "invalid JSON: %s" % r)
    c.send([1, 2, 3])
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32600, "an array for a message: %s" % r)
    c.send({"id": 77, "method": "shutdown"})
    r = c.wait(lambda m: m.get("id") == 77)
    check(error_code(r) == -32600, "no jsonrpc member: %s" % r)
    c.send({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32600 and r["id"] is None, "an object for an id: %s" % r)
    c.raw(b"x" * 9000 + c.frame(c.request_msg("shutdown")))
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32700, "a header that never ends: %s" % r)
    r = c.wait(lambda m: "error" in m)
    check(error_code(r) == -32002, "the request after a runaway header is read: %s" % r)


def hostile_after_init(c):
    r = c.request("initialize", {"capabilities": {}})
    check(error_code(r) == -32600, "initialize twice: %s" % r)
    r = c.request("textDocument/formatting", {})
    check(error_code(r) == -32601, "an unknown method: %s" % r)
    c.notify("quotelens/unknownNotification", {"x": 1})
    c.notify("$/setTrace", {"value": "off"})
    c.notify("textDocument/didOpen", {"textDocument": 5})
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri_of(ARTICLE)}})
    check(error_code(r) == -32602, "hover without a position: %s" % r)
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///not/open.txt"},
                                         "position": {"line": 0, "character": 0}})
    check("result" in r and r["result"] is None, "hover in a document not open: %s" % r)
    big = 64 * 1024 * 1024 + 1
    c.raw(b"Content-Length: %d\r\n\r\n" % big + b" " * big)
    r = c.wait(lambda m: "error" in m, timeout=60)
    check(error_code(r) == -32600, "a body over the limit: %s" % r)
    hover = c.request_msg("textDocument/hover", {"textDocument": {"uri": uri_of(ARTICLE)},
                                                  "position": {"line": 4, "character": 3}})
    cancel = {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": hover["id"]}}
    c.raw(c.frame(hover) + c.frame(cancel))
    r = c.wait(lambda m: m.get("id") == hover["id"])
    check(error_code(r) == -32800, "a request cancelled in the same batch: %s" % r)


def position(line, character):
    return {"line": line, "character": character}


def at(uri, line, character):
    return {"textDocument": {"uri": uri}, "position": position(line, character)}


def codes(diags):
    return sorted(d["code"] for d in diags)


def open_article(c, uri, text):
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "text",
                                                       "version": 1, "text": text}})
    # The corpus folder is indexed on the loop: wait for the sources.
    return c.diagnostics(uri, lambda d: "wording-differs" in codes(d), timeout=20)


def happy_path(c, text):
    uri, src = uri_of(ARTICLE), uri_of(SOURCE)
    diags = open_article(c, uri, text)["diagnostics"]
    check(codes(diags) == ["attribution-conflict", "wording-differs"], "diagnostics: %s" % diags)
    wording = [d for d in diags if d["code"] == "wording-differs"][0]
    check(wording["source"] == "quotelens" and wording["severity"] == 2, "wording: %s" % wording)
    check(wording["range"]["start"] == position(4, 1), "a range in UTF-16 units: %s" % wording)
    rel = wording.get("relatedInformation", [])
    check(len(rel) == 1 and rel[0]["location"]["uri"] == src and
          rel[0]["location"]["range"]["start"] == position(4, 1), "related: %s" % rel)
    h = c.request("textDocument/hover", at(uri, 4, 10))["result"]
    value = h["contents"]["value"]
    for words in ("Ingrid Solberg", "cue-after", "bulletin.txt:5", "~~May~~", "**June**"):
        check(words in value, "hover lacks %r: %s" % (words, value))
    d = c.request("textDocument/definition", at(uri, 4, 10))["result"]
    check(len(d) == 1 and d[0]["uri"] == src and d[0]["range"]["start"] == position(4, 1),
          "definition: %s" % d)
    r = c.request("textDocument/references", at(uri, 4, 10))["result"]
    check([x["uri"] for x in r] == [uri, src], "references: %s" % r)
    h = c.request("textDocument/hover", at(uri, 8, 5))["result"]
    check(h["range"]["start"] == position(8, 4), "after an emoji, UTF-16: %s" % h["range"])
    check(c.request("textDocument/hover", at(uri, 2, 3))["result"] is None, "hover off a quote")
    s = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
    by = {x["name"]: [k["name"] for k in x["children"]] for x in s}
    check(sorted(by) == ["Ingrid Solberg", "Pavel Odin"] and len(by["Ingrid Solberg"]) == 2,
          "symbols: %s" % by)
    lens = c.request("textDocument/codeLens", {"textDocument": {"uri": uri}})["result"]
    check("— Ingrid Solberg · 1 source" in [x["command"]["title"] for x in lens], "lenses: %s" % lens)
    w = c.request("workspace/symbol", {"query": "odin"})["result"]
    check(any(x["name"] == "Pavel Odin" for x in w), "workspace symbols: %s" % w)
    return wording


def apply_edit(text, edit):
    """The text after a TextEdit (UTF-16 positions; the lines here are BMP
    before any edit's columns)."""
    lines = text.split("\n")
    s, e = edit["range"]["start"], edit["range"]["end"]
    check(s["line"] == e["line"], "one line edited")
    line = lines[s["line"]]
    lines[s["line"]] = line[:s["character"]] + edit["newText"] + line[e["character"]:]
    return "\n".join(lines)


def action_and_edit(c, text, wording):
    uri = uri_of(ARTICLE)
    acts = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                 "range": wording["range"],
                                                 "context": {"diagnostics": [wording]}})["result"]
    titles = [a["title"] for a in acts]
    check(titles == ["Replace with the wording of bulletin.txt:5"], "actions: %s" % titles)
    change = acts[0]["edit"]["documentChanges"][0]
    check(change["textDocument"] == {"uri": uri, "version": 1}, "a versioned edit: %s" % change)
    fixed = apply_edit(text, change["edits"][0])
    check(fixed == text.replace("first of May", "first of June"), "the edit changes only the wording")
    line = text.split("\n")[4]
    col = line.index("May")
    # The edit and a request in one read: the request sees the edit, and
    # the diagnostics are still published after it.
    edit = {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": position(4, col), "end": position(4, col + 3)},
                            "text": "June"}]}}
    hover = c.request_msg("textDocument/hover", at(uri, 4, 10))
    c.raw(c.frame(edit) + c.frame(hover))
    h = c.wait(lambda m: m.get("id") == hover["id"])["result"]
    check("~~May~~" not in h["contents"]["value"], "the hover after the edit: %s" % h)
    p = c.diagnostics(uri, lambda d: "wording-differs" not in codes(d))
    check(p["version"] == 2 and codes(p["diagnostics"]) == ["attribution-conflict"],
          "after the edit: %s" % p)
    # A range past the end of the document is its end.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": position(900, 0), "end": position(901, 7)},
                            "text": "\n\n“A late word,” said nobody in particular."}]})
    r = c.request("textDocument/hover", at(uri, 900, 0))
    check("result" in r and r["result"] is None, "hover past the end: %s" % r)
    n = len(text.split("\n"))
    h = c.request("textDocument/hover", at(uri, n + 1, 3))["result"]
    check(h is not None and h["range"]["start"]["line"] == n + 1, "text put at the end: %s" % h)


def main():
    before = digests()
    env = dict(os.environ, QUOTELENS_LOG=os.environ.get("QUOTELENS_LOG", "/dev/null"))
    text = open(ARTICLE, encoding="utf-8").read()
    c = Client(QL, env=env)
    hostile_before_init(c)
    r = init(c)["result"]
    check(r["capabilities"]["positionEncoding"] == "utf-16" and
          r["capabilities"]["textDocumentSync"]["change"] == 2, "capabilities: %s" % r)
    hostile_after_init(c)
    wording = happy_path(c, text)
    action_and_edit(c, text, wording)
    check(c.request("shutdown")["result"] is None, "shutdown")
    r = c.request("textDocument/hover", at(uri_of(ARTICLE), 4, 10))
    check(error_code(r) == -32600, "a request after shutdown: %s" % r)
    c.notify("exit")
    check(c.proc.wait(10) == 0, "exit after shutdown: status 0")

    c = Client(QL, env=dict(env, HOME=os.path.abspath(FIX)))
    r = init(c, capabilities={"general": {"positionEncodings": ["utf-8", "utf-16"]}},
             initializationOptions={"corpus": ["~/corpus"], "maxBufferMb": 0.0002})
    check(r["result"]["capabilities"]["positionEncoding"] == "utf-8", "utf-8 offered: %s" % r)
    uri = uri_of(ARTICLE)
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1, "text": text}})
    m = c.wait(lambda m: m.get("method") == "window/showMessage" and
               "gazette.txt is" in m["params"]["message"])
    check("over the limit" in m["params"]["message"], "a document too large: %s" % m)
    check(c.request("textDocument/hover", at(uri, 8, 9))["result"] is None, "no analysis when too large")
    c.notify("workspace/didChangeConfiguration", {"settings": {"quotelens": {"maxBufferMb": 20}}})
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": text}]})
    h = c.request("textDocument/hover", at(uri, 8, 9))["result"]
    check(h["range"]["start"] == position(8, 8), "after an emoji, UTF-8: %s" % h)
    d = c.diagnostics(uri, lambda d: "wording-differs" in codes(d), timeout=20)["diagnostics"]
    check(len(d) == 2, "the corpus folder ~/corpus is read: %s" % d)
    check(c.close() == 1, "stdin closed without shutdown: status 1")
    check(digests() == before, "the server never writes the user's files")
    print("%d checks passed" % checks)


main()
