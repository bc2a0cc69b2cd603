-- `quotelens lsp` as a language server of Neovim 0.7.2's own client
-- (vim.lsp.start_client), without the plugin: on real files, diagnostics
-- arrive, hover opens a float, definition jumps to the other source,
-- references fill the quickfix list, symbols list the speakers, a code
-- action the user picks changes only what it says, and edits typed in the
-- buffer update the diagnostics. The files on disk are never written.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')

vim.o.hidden = true
local dir = vim.fn.tempname()
local article = H.copy('tests/fixtures/lsp/gazette.txt', dir)
local source = H.copy('tests/fixtures/lsp/corpus/bulletin.txt', dir .. '/corpus')
local on_disk = vim.fn.readfile(article, 'b')

local client_id = vim.lsp.start_client({
  name = 'quotelens',
  cmd = { H.bin, 'lsp' },
  root_dir = dir,
  init_options = { corpus = { 'corpus' } }, -- relative: from the root
  flags = { debounce_text_changes = 20 },
})
H.ok(client_id, 'the client starts')

vim.cmd('edit ' .. vim.fn.fnameescape(article))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

local function codes()
  local c = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    c[#c + 1] = d.code
  end
  table.sort(c)
  return c
end

local function wait_codes(want, what)
  local ok = vim.wait(15000, function() return vim.deep_equal(codes(), want) end, 10)
  H.ok(ok, what .. ': diagnostics ' .. vim.inspect(codes()) .. ', expected ' .. vim.inspect(want))
end

local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 5000)
  H.ok(res and res[client_id], method .. ' answered')
  H.ok(not res[client_id].err, method .. ': ' .. vim.inspect(res[client_id].err))
  return res[client_id].result
end

H.case('diagnostics arrive, placed in bytes from UTF-16 units', function()
  wait_codes({ 'attribution-conflict', 'wording-differs' }, 'after opening')
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    H.eq(d.source, 'quotelens', 'source')
    H.eq({ d.lnum, d.col }, d.code == 'wording-differs' and { 4, 3 } or { 6, 3 }, d.code .. ' position')
    local rel = d.user_data.lsp.relatedInformation
    H.eq(#rel, 1, 'related information')
    H.eq(vim.uri_to_fname(rel[1].location.uri), source, 'the other source')
  end
end)

H.case('hover opens a float with the speaker and the word diff', function()
  vim.api.nvim_win_set_cursor(0, { 5, 20 })
  local r = request('textDocument/hover', vim.lsp.util.make_position_params())
  for _, w in ipairs({ 'Ingrid Solberg', 'cue-after', 'bulletin.txt:5', '~~May~~', '**June**' }) do
    H.ok(r.contents.value:find(w, 1, true), 'hover holds ' .. w .. ': ' .. r.contents.value)
  end
  vim.lsp.buf.hover()
  local float
  H.ok(vim.wait(5000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
  end, 10), 'a hover float opens')
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
  H.ok(text:find('Ingrid Solberg', 1, true), 'the float shows the speaker: ' .. text)
  vim.api.nvim_win_close(float, true)
end)

H.case('hover after an astral character: UTF-16 columns', function()
  vim.api.nvim_win_set_cursor(0, { 9, 12 })
  local r = request('textDocument/hover', vim.lsp.util.make_position_params())
  H.eq(r.range.start, { line = 8, character = 4 }, 'range start')
end)

H.case('definition jumps to the other source', function()
  vim.api.nvim_win_set_cursor(0, { 5, 20 })
  vim.lsp.buf.definition()
  H.ok(vim.wait(5000, function() return vim.api.nvim_buf_get_name(0) == source end, 10),
    'jumped to ' .. source .. ', at ' .. vim.api.nvim_buf_get_name(0))
  H.eq(vim.api.nvim_win_get_cursor(0), { 5, 3 }, 'cursor on the quote there')
  vim.cmd('buffer ' .. buf)
end)

H.case('references: every copy in the quickfix list', function()
  vim.fn.setqflist({})
  vim.api.nvim_win_set_cursor(0, { 5, 20 })
  vim.lsp.buf.references()
  H.ok(vim.wait(5000, function() return #vim.fn.getqflist() == 2 end, 10),
    'two references: ' .. vim.inspect(vim.fn.getqflist()))
  vim.cmd('cclose')
end)

H.case('document symbols: quotes under their speakers', function()
  local r = request('textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params() })
  local names = {}
  for _, s in ipairs(r) do
    names[#names + 1] = s.name .. ':' .. #s.children
  end
  table.sort(names)
  H.eq(names, { 'Ingrid Solberg:2', 'Pavel Odin:1' }, 'symbols')
end)

H.case('a code action the user picks replaces only the wording', function()
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  vim.ui.select = function(items, _, on_choice)
    H.eq(#items, 1, 'one action')
    on_choice(items[1], 1)
  end
  vim.api.nvim_win_set_cursor(0, { 5, 20 })
  vim.lsp.buf.code_action()
  H.ok(vim.wait(5000, function() return vim.bo[buf].modified end, 10), 'the edit is applied')
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  before[5] = before[5]:gsub('first of May', 'first of June')
  H.eq(after, before, 'only the wording changed')
  wait_codes({ 'attribution-conflict' }, 'after the action')
end)

H.case('typing updates the diagnostics', function()
  local line = vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1]
  local s, e = line:find('June', 1, true)
  vim.api.nvim_buf_set_text(buf, 4, s - 1, 4, e, { 'July' })
  wait_codes({ 'attribution-conflict', 'wording-differs' }, 'after typing July')
  vim.api.nvim_buf_set_lines(buf, 6, 7, true, {})
  wait_codes({ 'wording-differs' }, 'after deleting a line')
  H.eq(vim.fn.readfile(article, 'b'), on_disk, 'the file on disk is unchanged')
end)

vim.lsp.stop_client(client_id)
H.finish()
