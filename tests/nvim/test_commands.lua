-- The commands on two open sources of one story: cross-references between
-- buffers, the hover float, jumps between quotes and between sources,
-- lists, speakers, and the quotes() function.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local ui = require('quotelens.ui')
H.setup()

local a, dir = H.copy('examples/harbour-herald.txt')
local b = H.copy('examples/coastal-times.txt', dir)
local ba = H.open(a)
local bb = H.open(b)
H.wait(bb)
vim.cmd('buffer ' .. ba)
H.wait(ba)
-- Wait until the first buffer also shows the sources the second brought.
vim.wait(5000, function()
  for _, q in ipairs(ql.quotes(ba)) do
    if #q.sources > 0 then
      return true
    end
  end
  return false
end, 5)

local function quote_with_sources()
  for _, q in ipairs(ql.quotes(ba)) do
    if #q.sources > 0 then
      return q
    end
  end
end

H.case('open buffers are each other\'s sources', function()
  local q = quote_with_sources()
  H.ok(q, 'a quote with a source')
  H.eq(q.sources[1].file, b, 'the source is the other buffer')
  H.eq(q.sources[1].bufnr, bb, 'with its buffer number')
  local rows = H.scan({ a, b })
  local linked = 0
  for _, r in ipairs(rows) do
    if r.file == a and #r.sources > 0 then
      linked = linked + 1
    end
  end
  local have = 0
  for _, x in ipairs(ql.quotes(ba)) do
    have = have + (#x.sources > 0 and 1 or 0)
  end
  H.eq(have, linked, 'as many linked quotes as the scan of both files')
end)

H.case(':QuoteLensNext and :QuoteLensPrev move between quotes, with a count', function()
  local qs = ql.quotes(ba)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('QuoteLensNext')
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[1].lnum + 1, qs[1].col }, 'first quote')
  vim.cmd('2QuoteLensNext')
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[3].lnum + 1, qs[3].col }, 'two quotes on')
  vim.cmd('QuoteLensPrev')
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[2].lnum + 1, qs[2].col }, 'one back')
end)

H.case(':QuoteLensHover shows every other version, and enters the float when repeated', function()
  local q = quote_with_sources()
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLensHover')
  local float
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      float = w
    end
  end
  H.ok(float, 'a float opened')
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, true), '\n')
  H.ok(text:find(vim.fn.fnamemodify(b, ':t'), 1, true), 'names the other source: ' .. text)
  H.ok(text:find(q.speaker, 1, true), 'names the speaker')
  vim.cmd('QuoteLensHover')
  H.eq(vim.api.nvim_get_current_win(), float, 'second call enters the float')
  vim.cmd('close')
end)

H.case(':QuoteLensHover says first what differs in the other source', function()
  vim.cmd('buffer ' .. ba)
  local q
  for _, x in ipairs(ql.quotes(ba)) do
    for _, s in ipairs(x.sources) do
      if vim.tbl_contains(s.class, 'wording') then
        q = q or x
      end
    end
  end
  H.ok(q, 'a quote worded otherwise in the other buffer')
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLensHover')
  local lines
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, true)
      vim.api.nvim_win_close(w, true)
    end
  end
  -- The speaker, the rule that named them in words, then the warning.
  H.ok(lines and lines[2] == '  continues the speech before' and lines[3]:match('^! quote differs from'),
    'the rule and the warning under the speaker: ' .. vim.inspect(lines))
end)

H.case(':QuoteLensNextSource opens the other source at the quote', function()
  vim.cmd('buffer ' .. ba)
  local q = quote_with_sources()
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLensNextSource')
  H.eq(vim.api.nvim_get_current_buf(), bb, 'in the other buffer')
  H.eq(vim.api.nvim_win_get_cursor(0), { q.sources[1].lnum + 1, q.sources[1].col }, 'at the quote')
  vim.cmd('buffer ' .. ba)
end)

H.case(':QuoteLensSources! fills the quickfix list', function()
  local q = quote_with_sources()
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLensSources!')
  local qf = vim.fn.getqflist()
  H.eq(#qf, #q.sources, 'one entry per source')
  H.eq(qf[1].lnum, q.sources[1].lnum + 1, 'at the source line')
  vim.cmd('cclose')
end)

H.case(':QuoteLensList puts every quote in the location list', function()
  vim.cmd('QuoteLensList')
  local ll = vim.fn.getloclist(0)
  vim.cmd('lclose')
  H.eq(#ll, #ql.quotes(ba), 'one entry per quote')
  H.ok(ll[1].text:match('^.+: “.+” %[%d+ sources?%]$'), 'entry text: ' .. ll[1].text)
end)

H.case(':QuoteLensSpeakers counts quotes and words per speaker', function()
  local rows = ui.speakers()
  local total, share = 0, 0
  for _, r in ipairs(rows) do
    total = total + r.quotes
    share = share + r.share
    H.ok(r.words > 0, 'words counted for ' .. r.speaker)
  end
  H.eq(total, #ql.quotes(ba), 'every quote counted once')
  H.ok(math.abs(share - 100) <= #rows, 'the shares of quoted words add up to 100%, rounded: ' .. share)
end)

local function floats()
  local n = 0
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      n = n + 1
    end
  end
  return n
end

H.case('hover_on_cursorhold opens the float where the cursor rests on a quote, and only there', function()
  vim.cmd('buffer ' .. ba)
  local win = vim.api.nvim_get_current_win()
  vim.cmd('doautocmd CursorHold')
  H.eq(floats(), 0, 'off by default')
  H.setup({ hover_on_cursorhold = true })
  local q = quote_with_sources()
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('doautocmd CursorHold')
  H.eq(floats(), 1, 'a float over the quote')
  H.eq(vim.api.nvim_get_current_win(), win, 'the cursor stays in the article')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('doautocmd CursorMoved')
  H.eq(floats(), 0, 'closed when the cursor moves')
  H.ok(not ui.quote_at_cursor(), 'the first line holds no quote')
  vim.cmd('doautocmd CursorHold')
  H.eq(floats(), 0, 'no float away from quotes, and no message')
  H.setup({ hover_on_cursorhold = false })
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('doautocmd CursorHold')
  H.eq(floats(), 0, 'off again after setup without it')
end)

H.case('<Plug> mappings exist and no keys are mapped for the user', function()
  H.ok(vim.fn.maparg('<Plug>(quotelens-hover)', 'n') ~= '', 'plug map')
  H.eq(vim.fn.mapcheck('K', 'n'), '', 'K left alone')
end)

H.finish()
