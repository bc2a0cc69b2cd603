-- Soak: random edits across buffers (typing, deleting, pasting, new
-- paragraphs, undo, redo). Every CHECK_EVERY edits the co-process's copy
-- must equal each buffer and its annotations a fresh scan of the text. The
-- same edits go to twin buffers the plugin never sees: at the end text,
-- undo history and changedtick must be identical, so nothing was lost.
-- SOAK_EDITS and SOAK_BUFFERS make it longer (make soak).
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
H.setup()

local EDITS = tonumber(os.getenv('SOAK_EDITS') or '300')
local NBUF = tonumber(os.getenv('SOAK_BUFFERS') or '4')
local CHECK_EVERY = tonumber(os.getenv('SOAK_CHECK_EVERY') or '100')
local sources = { 'harbour-herald.txt', 'coastal-times.txt', 'island-post.txt', 'valdoria-wire.txt', 'the-ledger.md' }
local snippets = {
  '“We will not be moved,” the minister said.', 'Talks resumed on Friday.',
  '“Nobody wants a strike,” a source said, “but nobody will back down.”', 'He called it “a farce”.',
  '‘Single marks,’ she said.', '“Unclosed, and then', '', 'Rock ’n’ roll and the ’90s.',
}

local rng_state = 12345
local function rand(n) -- a small LCG, so the twin buffers get the same edits
  rng_state = (rng_state * 1103515245 + 12345) % 2147483648
  return rng_state % n
end

vim.o.hidden = true
local dir = vim.fn.tempname()
local pairs_ = {}
for i = 1, NBUF do
  local path = H.copy('examples/' .. sources[(i - 1) % #sources + 1], dir .. '/a' .. i)
  local twin = H.copy('examples/' .. sources[(i - 1) % #sources + 1], dir .. '/b' .. i)
  vim.cmd('edit ' .. vim.fn.fnameescape(twin))
  local b = vim.api.nvim_get_current_buf()
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local a = vim.api.nvim_get_current_buf()
  ql.attach(a)
  pairs_[#pairs_ + 1] = { a = a, b = b, tick_a = vim.api.nvim_buf_get_changedtick(a),
                          tick_b = vim.api.nvim_buf_get_changedtick(b) }
end

local function pid()
  for _, c in ipairs(vim.api.nvim_list_chans()) do
    if c.mode == 'rpc' and c.stream == 'job' then
      return vim.fn.jobpid(c.id)
    end
  end
end

local function rss_kb()
  for _, l in ipairs(vim.fn.readfile('/proc/' .. pid() .. '/status')) do
    local kb = l:match('^VmRSS:%s+(%d+)')
    if kb then
      return tonumber(kb)
    end
  end
end

-- One random edit, applied alike to a buffer and its twin.
local function edit(p)
  local op = rand(7)
  local n = vim.api.nvim_buf_line_count(p.a)
  local row = rand(n)
  local snippet = snippets[rand(#snippets) + 1]
  local span, at = 1 + rand(2), rand(1000000)
  for _, buf in ipairs({ p.a, p.b }) do
    vim.api.nvim_buf_call(buf, function()
      if op == 0 then
        vim.api.nvim_buf_set_lines(buf, row, row, true, { snippet })
      elseif op == 1 and n > 3 then
        vim.api.nvim_buf_set_lines(buf, row, math.min(row + span, n), true, {})
      elseif op == 2 then
        local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
        local col = at % (#line + 1)
        vim.api.nvim_buf_set_text(buf, row, col, row, col, { ' x' })
      elseif op == 3 then
        vim.cmd('silent! undo')
      elseif op == 4 then
        vim.cmd('silent! redo')
      elseif op == 5 then
        local lines = vim.api.nvim_buf_get_lines(buf, 0, math.min(4, n), true)
        vim.api.nvim_buf_set_lines(buf, row, row, true, lines) -- a paste
      else
        vim.api.nvim_buf_set_lines(buf, row, row, true, { snippet, '', snippet })
      end
    end)
  end
end

local function check(p)
  H.wait(p.a)
  local lines = vim.api.nvim_buf_get_lines(p.a, 0, -1, true)
  local info = ql.request('quotelens_digest', p.a)
  H.eq({ info.lines, info.bytes }, { #lines, #table.concat(lines, '\n') }, 'copy of buffer ' .. p.a)
  local tmp = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(lines, tmp)
  local rows = H.scan({ tmp })
  local quotes = ql.quotes(p.a)
  H.eq(#quotes, #rows, 'quotes of buffer ' .. p.a .. ' against a fresh scan')
  for i, r in ipairs(rows) do
    H.eq({ quotes[i].lnum + 1, quotes[i].col + 1, quotes[i].kind }, { r.line, r.col, r.kind }, 'quote ' .. i)
  end
end

H.case(string.format('%d random edits over %d buffers, checked every %d', EDITS, NBUF, CHECK_EVERY), function()
  for _, p in ipairs(pairs_) do
    H.wait(p.a)
  end
  local rss0 = rss_kb()
  for e = 1, EDITS do
    edit(pairs_[rand(#pairs_) + 1])
    if e % 10 == 0 then
      vim.wait(1) -- let the co-process's updates in, as typing would
    end
    if e % CHECK_EVERY == 0 then
      for _, p in ipairs(pairs_) do
        check(p)
      end
    end
  end
  for _, p in ipairs(pairs_) do
    check(p)
  end
  print(string.format('co-process RSS: %d KB at start, %d KB after %d edits', rss0, rss_kb(), EDITS))
end)

H.case('nothing lost: text, undo history and changedtick equal the twins\'', function()
  for _, p in ipairs(pairs_) do
    H.eq(vim.api.nvim_buf_get_lines(p.a, 0, -1, true), vim.api.nvim_buf_get_lines(p.b, 0, -1, true), 'text')
    local ua = vim.api.nvim_buf_call(p.a, vim.fn.undotree)
    local ub = vim.api.nvim_buf_call(p.b, vim.fn.undotree)
    H.eq({ ua.seq_last, ua.seq_cur, #ua.entries }, { ub.seq_last, ub.seq_cur, #ub.entries }, 'undo history')
    H.eq(vim.api.nvim_buf_get_changedtick(p.a) - p.tick_a, vim.api.nvim_buf_get_changedtick(p.b) - p.tick_b,
      'changedticks since the start')
    H.eq(vim.bo[p.a].modified, vim.bo[p.b].modified, "'modified'")
  end
end)

H.finish()
