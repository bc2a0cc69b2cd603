-- A long article: an edit re-reads only the paragraphs it touched and the
-- plugin receives only the quotes that changed. After every kind of edit
-- the annotations equal a fresh `quotelens scan` of the same text (at once
-- for edits inside a paragraph that name no one new, after the pause pass
-- otherwise), and every highlight stands where its quote is.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local render = require('quotelens.render')
H.setup()

local lines = {}
for _ = 1, 8 do
  for _, f in ipairs({ 'harbour-herald.txt', 'coastal-times.txt', 'island-post.txt', 'valdoria-wire.txt' }) do
    vim.list_extend(lines, vim.fn.readfile(H.root .. '/examples/' .. f))
    lines[#lines + 1] = ''
  end
end
local path = vim.fn.tempname() .. '.txt'
vim.fn.writefile(lines, path)
local buf = H.open(path)
H.wait(buf)

-- Where the annotations and a fresh scan of the buffer's text part, or nil.
local function difference()
  local tmp = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(vim.api.nvim_buf_get_lines(buf, 0, -1, true), tmp)
  local rows = H.scan({ tmp })
  local quotes = ql.quotes(buf)
  if #quotes ~= #rows then
    return string.format('%d quotes, a fresh scan finds %d', #quotes, #rows)
  end
  for i, r in ipairs(rows) do
    local q = quotes[i]
    local got = { q.lnum + 1, q.col + 1, q.end_lnum + 1, q.end_col + 1, q.kind, q.speaker or vim.NIL }
    local want = { r.line, r.col, r.end_line, r.end_col, r.kind, r.speaker }
    if not vim.deep_equal(got, want) then
      return string.format('quote %d: %s, a fresh scan says %s', i, vim.inspect(got), vim.inspect(want))
    end
  end
  -- The highlights Neovim moved with the text and those set anew.
  local marks, text_rows = {}, {}
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, render.ns, 0, -1, { details = true })) do
    local hl = m[4].hl_group
    if hl == 'QuoteLensQuote' or hl == 'QuoteLensPartial' or hl == 'QuoteLensVariant' then
      marks[#marks + 1] = { m[2] + 1, m[3] + 1, m[4].end_row + 1, m[4].end_col + 1 }
    elseif m[4].virt_text then
      text_rows[#text_rows + 1] = m[2] + 1
    end
  end
  -- One end-of-line text on each row where a full quote, or a partial one
  -- with sources, ends.
  local want_rows, seen = {}, {}
  for _, r in ipairs(rows) do
    if (r.kind == 'full' or r.kind == 'partial' and #r.sources > 0) and not seen[r.end_line] then
      seen[r.end_line] = true
      want_rows[#want_rows + 1] = r.end_line
    end
  end
  table.sort(text_rows)
  table.sort(want_rows)
  if not vim.deep_equal(text_rows, want_rows) then
    return string.format('end-of-line texts on %d rows, full quotes end on %d', #text_rows, #want_rows)
  end
  table.sort(marks, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
  for i, r in ipairs(rows) do
    if not vim.deep_equal(marks[i], { r.line, r.col, r.end_line, r.end_col }) then
      return string.format('highlight %d at %s, the quote is at %s', i, vim.inspect(marks[i]),
        vim.inspect({ r.line, r.col, r.end_line, r.end_col }))
    end
  end
  if #marks ~= #rows then
    return string.format('%d highlights for %d quotes', #marks, #rows)
  end
end

local function matches_now()
  H.wait(buf)
  local d = difference()
  H.ok(d == nil, d)
end

-- After the pause pass, which analyses the whole text again.
local function matches_after_pause()
  H.wait(buf)
  local d
  vim.wait(5000, function()
    d = difference()
    return d == nil
  end, 50)
  H.ok(d == nil, d)
end

-- The row of the first line holding `text` at or after row `from`.
local function row_of(text, from)
  for r = from or 0, vim.api.nvim_buf_line_count(buf) - 1 do
    local l = vim.api.nvim_buf_get_lines(buf, r, r + 1, true)[1]
    local c = l:find(text, 1, true)
    if c then
      return r, c - 1
    end
  end
  error('no line holds ' .. text)
end

local middle = math.floor(#lines / 2)

H.case('typing inside a quote sends only that quote, and equals a fresh scan at once', function()
  local r, c = row_of('We will not be rushed', middle)
  local undo_before = vim.fn.undotree().seq_last
  vim.api.nvim_buf_set_text(buf, r, c + 3, r, c + 3, { 'really ' })
  matches_now()
  H.ok(render.state[buf].partial, 'the update carried only the changed quotes')
  H.eq(vim.fn.undotree().seq_last, undo_before + 1, 'only the edit\'s own undo step')
end)

H.case('a new paragraph with a quote moves every later quote', function()
  local r = row_of('', middle)
  vim.api.nvim_buf_set_lines(buf, r, r, true, { '', '“The harbour is ours,” said Ana Ruiz on Friday.' })
  matches_after_pause()
end)

H.case('deleting a closing mark, then undo and redo', function()
  local r, c = row_of(',” said', middle)
  c = c + 1
  vim.api.nvim_buf_set_text(buf, r, c, r, c + #'”', { '' })
  matches_after_pause()
  vim.cmd('silent undo')
  matches_after_pause()
  vim.cmd('silent redo')
  matches_after_pause()
end)

H.case('naming someone new, then removing a paragraph break', function()
  local r = row_of('', middle + 20)
  vim.api.nvim_buf_set_lines(buf, r, r, true, { '', 'Mayor Lena Holm said the port would "stay open for every ship".' })
  matches_after_pause()
  r = row_of('', middle + 40)
  vim.api.nvim_buf_set_lines(buf, r, r + 1, true, {})
  matches_after_pause()
end)

H.case('typing word by word in narration and in quotes', function()
  local r, c = row_of('said the offer remained', middle)
  for _, w in ipairs({ 'on ', 'Monday ', 'evening ' }) do
    vim.api.nvim_buf_set_text(buf, r, c, r, c, { w })
    c = c + #w
    matches_after_pause()
  end
  r, c = row_of('Our door is open', middle)
  for _, w in ipairs({ 'still ', 'very ' }) do
    vim.api.nvim_buf_set_text(buf, r, c + 9, r, c + 9, { w })
    matches_now()
  end
end)

H.case('an edit in one long article updates the other that cites it in the same batch', function()
  local other = {}
  for _ = 1, 8 do
    vim.list_extend(other, vim.fn.readfile(H.root .. '/examples/harbour-herald.txt'))
    other[#other + 1] = ''
  end
  local other_path = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(other, other_path)
  vim.cmd('split ' .. vim.fn.fnameescape(other_path))
  local ob = vim.api.nvim_get_current_buf()
  ql.attach(ob)
  H.wait(ob)
  vim.cmd('wincmd p')
  local cites = function(q, row)
    for _, src in ipairs(q.sources) do
      if src.bufnr == buf and src.lnum == row then
        return true
      end
    end
    return false
  end
  -- A quote of the long article that the other buffer cites.
  local target
  vim.wait(5000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      for _, src in ipairs(q.sources) do
        if src.bufnr == ob and q.lnum > middle then
          target = q
          return true
        end
      end
    end
  end, 20)
  H.ok(target, 'a quote the other buffer also carries')
  local cited_before = 0
  for _, q in ipairs(ql.quotes(ob)) do
    cited_before = cited_before + (cites(q, target.lnum) and 1 or 0)
  end
  H.ok(cited_before > 0, 'the other buffer cites it')
  vim.api.nvim_buf_set_text(buf, target.lnum, target.col, target.end_lnum, target.end_col,
    { 'Zebras quietly juggle purple violins over frozen lakes at dawn' })
  H.wait(buf)
  local still
  vim.wait(5000, function()
    still = 0
    for _, q in ipairs(ql.quotes(ob)) do
      still = still + (cites(q, target.lnum) and 1 or 0)
    end
    return still == 0
  end, 5)
  H.eq(still, 0, 'quotes of the other buffer still citing the edited quote')
  -- The pause pass would have sent it whole.
  H.ok(render.state[ob].partial, 'it got only its changed quotes, with the edit')
  vim.cmd('wincmd p')
  vim.cmd('bwipeout! ' .. ob)
end)

H.case('a long article first gets the quotes of the rows its window shows, then the whole', function()
  local big = {}
  while #table.concat(big, '\n') < 1.3e6 do
    vim.list_extend(big, lines)
  end
  local big_path = vim.fn.tempname() .. '.txt'
  vim.fn.writefile(big, big_path)
  vim.cmd('edit ' .. vim.fn.fnameescape(big_path))
  local b = vim.api.nvim_get_current_buf()
  vim.api.nvim_win_set_cursor(0, { math.floor(#big / 2), 0 })
  vim.cmd('normal! zz')
  local top, bottom = vim.fn.line('w0') - 1, vim.fn.line('w$')
  local updates = {}
  local apply = render.apply
  render.apply = function(buf, tick, seq, quotes, diags, delta, view_only)
    if buf == b then
      local seen = {}
      for _, q in ipairs(quotes) do
        seen[#seen + 1] = { lnum = q.lnum, col = q.col, speaker = q.speaker ~= vim.NIL and q.speaker or nil }
      end
      updates[#updates + 1] = { view_only = view_only, quotes = seen }
    end
    return apply(buf, tick, seq, quotes, diags, delta, view_only)
  end
  ql.attach(b)
  local ok = vim.wait(120000, function() return render.state[b] and render.state[b].complete end, 10)
  render.apply = apply
  H.ok(ok, 'the whole arrived: ' .. vim.inspect(vim.tbl_map(function(u) return { u.view_only, #u.quotes } end, updates)))
  H.ok(#updates >= 2, 'two updates: ' .. #updates)
  H.eq(updates[1].view_only, true, 'the first carries only the window')
  H.ok(#updates[1].quotes > 0, 'the window shows quotes')
  for _, q in ipairs(updates[1].quotes) do
    H.ok(q.lnum >= top and q.lnum < bottom, 'quote at row ' .. q.lnum .. ' outside the window')
  end
  local all = ql.quotes(b)
  H.ok(#all > 10 * #updates[1].quotes, 'the whole has every quote: ' .. #all)
  for _, q in ipairs(updates[1].quotes) do
    local found = false
    for _, w in ipairs(all) do
      if w.lnum == q.lnum and w.col == q.col and w.speaker == q.speaker then
        found = true
      end
    end
    H.ok(found, 'the window\'s quote at row ' .. q.lnum .. ' is in the whole, with its speaker')
  end
end)

H.finish()
