-- Real edits: typing inside a quote, a new paragraph, deleting a closing
-- mark, undo, redo, :edit!, and the co-process's copy stays equal to the
-- buffer throughout; the plugin adds no undo step and leaves 'modified'.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
H.setup()

local path = H.copy('examples/coastal-times.txt')
vim.cmd('edit ' .. vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
ql.attach(buf)
H.wait(buf)

-- The co-process's copy must equal the buffer, byte for byte.
local function copy_matches()
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  local info = ql.request('quotelens_digest', buf)
  H.ok(info, 'digest answered')
  H.eq(info.lines, #lines, 'lines in the copy')
  H.eq(info.bytes, #table.concat(lines, '\n'), 'bytes in the copy')
end

-- The annotations must equal a fresh scan of the buffer's text.
local function matches_scan()
  local tmp = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(vim.api.nvim_buf_get_lines(buf, 0, -1, true), tmp)
  local rows = H.scan({ tmp })
  local quotes = ql.quotes(buf)
  H.eq(#quotes, #rows, 'quotes against a fresh scan')
  for i, r in ipairs(rows) do
    H.eq({ quotes[i].lnum + 1, quotes[i].col + 1 }, { r.line, r.col }, 'position of quote ' .. i)
  end
end

local function quote_starting(text)
  for _, q in ipairs(ql.quotes(buf)) do
    local got = vim.api.nvim_buf_get_text(buf, q.lnum, q.col, q.end_lnum, q.end_col, {})
    if table.concat(got, '\n'):sub(1, #text) == text then
      return q
    end
  end
end

H.case('typing inside a quote moves its end and keeps its speaker', function()
  local q = quote_starting('We will not be rushed')
  H.ok(q, 'quote found')
  local undo_before = vim.fn.undotree().seq_last
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 3 })
  vim.cmd('normal! iever ')
  H.wait(buf)
  local q2 = quote_starting('We ever will not be rushed')
  H.ok(q2, 'edited quote found')
  H.eq(q2.end_col, q.end_col + 5, 'end moved by the typed text')
  H.eq(q2.speaker, q.speaker, 'speaker kept')
  H.eq(vim.fn.undotree().seq_last, undo_before + 1, 'exactly the user\'s own undo step')
  copy_matches()
  matches_scan()
end)

H.case('a new paragraph with a quote is annotated', function()
  local n = #ql.quotes(buf)
  vim.api.nvim_buf_set_lines(buf, -1, -1, true, { '', '“Ships are waiting,” a harbour pilot said.' })
  H.wait(buf)
  H.eq(#ql.quotes(buf), n + 1, 'one more quote')
  H.eq(ql.quotes(buf)[n + 1].speaker, 'harbour pilot', 'its speaker')
  copy_matches()
  matches_scan()
end)

H.case('deleting a closing mark is flagged, undo and redo follow', function()
  local q = quote_starting('Nobody wants a strike')
  H.ok(q, 'quote found')
  local line = vim.api.nvim_buf_get_lines(buf, q.end_lnum, q.end_lnum + 1, true)[1]
  -- Delete the closing mark (three bytes) with a real normal-mode command.
  vim.api.nvim_win_set_cursor(0, { q.end_lnum + 1, q.end_col })
  vim.cmd('normal! x')
  H.wait(buf)
  H.ok(vim.api.nvim_buf_get_lines(buf, q.end_lnum, q.end_lnum + 1, true)[1] ~= line, 'mark deleted')
  local ns = require('quotelens.render').ns
  local function unbalanced()
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = ns })) do
      if d.code == 'unbalanced-mark' then
        return true
      end
    end
    return false
  end
  H.ok(unbalanced(), 'unbalanced mark reported')
  vim.cmd('undo')
  H.wait(buf)
  H.ok(not unbalanced(), 'undo restores the mark')
  vim.cmd('redo')
  H.wait(buf)
  H.ok(unbalanced(), 'redo removes it again')
  copy_matches()
  matches_scan()
end)

H.case(':edit! reloads the file and annotations follow', function()
  vim.cmd('edit!')
  H.wait(buf)
  copy_matches()
  matches_scan()
  H.eq(vim.bo[buf].modified, false, 'not modified after :edit!')
end)

H.case('a copy led astray by Neovim\'s own events is fetched again', function()
  -- Neovim 0.7 describes this paste over a block wrongly (its bug #11591):
  -- the copy drifts until the plugin checks the size when the change settles.
  local n = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, n, n, true, {
    'a {', '  “A line to copy,” she said.', '}', '', 'b {', '  x', '}', '',
  })
  H.wait(buf)
  vim.api.nvim_win_set_cursor(0, { n + 2, 0 })
  vim.cmd('normal! yyjjjjvi{p')
  -- What Neovim does when it next waits for a key, which :normal never does.
  vim.api.nvim_exec_autocmds('TextChanged', { buffer = buf })
  local want = #table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n')
  local ok = vim.wait(5000, function()
    local info = ql.request('quotelens_digest', buf)
    return info and info.bytes == want
  end, 10)
  H.ok(ok, 'the copy caught up with the buffer')
  H.wait(buf)
  copy_matches()
  matches_scan()
end)

H.case('a burst of edits ends with the last text annotated', function()
  for i = 1, 30 do
    vim.api.nvim_buf_set_lines(buf, 0, 0, true, { 'Line ' .. i .. ' “said in passing,” she said.' })
  end
  vim.api.nvim_buf_set_lines(buf, 0, 10, true, {})
  H.wait(buf)
  copy_matches()
  matches_scan()
end)

H.finish()
