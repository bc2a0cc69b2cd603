-- quotelens.config: the options of setup() and their defaults.
local M = {}

M.defaults = {
  -- Filetypes attached automatically when a buffer is opened.
  filetypes = { 'text', 'markdown' },
  -- Folders of other sources (wire copy, rival outlets, an archive).
  corpus = {},
  -- Megabytes of corpus files indexed, the newest first; you are told once
  -- what is left out. The co-process's memory is about three times this.
  corpus_max_mb = 100,
  -- Buffers larger than this many megabytes are not followed (you are told
  -- once); analysing them would cost seconds per keystroke.
  max_buffer_mb = 20,
  -- End-of-line text such as "— Ana Ruiz · 3 sources".
  virtual_text = true,
  -- Diagnostics through vim.diagnostic: true, false, or a table for
  -- vim.diagnostic.config() in quotelens's namespace (see display below).
  diagnostics = true,
  -- Open the hover float when the cursor rests on a quote.
  hover_on_cursorhold = false,
  -- The co-process; nil means build/quotelens in the plugin's folder.
  cmd = nil,
  -- Called with the buffer number after quotelens attaches to it.
  on_attach = nil,
}

-- How diagnostics show when `diagnostics = true`. quotelens's highlights
-- and end-of-line text already mark every quote, so its diagnostics show as
-- signs, in floats, vim.diagnostic.goto_next() and the location list; not
-- as underlines or virtual text, which cost Neovim 0.7 a pass over every
-- diagnostic of the buffer on each edit (its vim.diagnostic re-reads their
-- extmarks in on_lines).
M.diagnostic_display = { underline = false, virtual_text = false, signs = true, severity_sort = true }

M.options = vim.deepcopy(M.defaults)

function M.set(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  return M.options
end

-- The vim.diagnostic.config() for quotelens's namespace, or nil when off.
function M.diagnostic_config()
  local d = M.options.diagnostics
  if type(d) == 'table' then
    return d
  end
  return d and M.diagnostic_display or nil
end

-- The plugin's folder: two levels above this file.
function M.root()
  local src = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(src, ':p:h:h:h')
end

-- A size in megabytes as whole bytes, for the co-process.
function M.bytes(mb)
  return math.floor(mb * 1024 * 1024)
end

function M.cmd()
  local cmd = M.options.cmd or (M.root() .. '/build/quotelens')
  if type(cmd) == 'string' then
    return { cmd }
  end
  return cmd
end

return M
