-- The hover float and the end-of-line text (issue 14, item 4): the float
-- sits below or above the quote, never over it; q and <Esc> close it;
-- <CR> on a source opens that source at the quote; a float cut short says
-- more is below; a partial quote with sources gets "— Speaker · N
-- sources"; a row holding several quotes speaks of each.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local render = require('quotelens.render')
H.setup()

local dir = vim.fn.tempname()
local herald = H.copy('examples/harbour-herald.txt', dir)
local times = H.copy('examples/coastal-times.txt', dir)
local post = H.copy('examples/island-post.txt', dir)
local bp = H.open(post)
local bt = H.open(times)
local bh = H.open(herald)
for _, b in ipairs({ bp, bt, bh }) do
  H.wait(b)
end

-- The quote of buf whose words start with `words`, once it has n sources.
local function quote(buf, words, n)
  local found
  vim.wait(10000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      local text = table.concat(vim.api.nvim_buf_get_text(buf, q.lnum, q.col, q.end_lnum, q.end_col, {}), ' ')
      if text:sub(1, #words) == words and #q.sources >= (n or 0) then
        found = q
        return true
      end
    end
  end, 10)
  assert(found, 'no quote "' .. words .. '" with ' .. (n or 0) .. ' sources')
  return found
end

local function float()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      return w
    end
  end
end

-- The editor rows (0-based, inclusive) the float takes with its border,
-- and those the quote takes on screen.
local function rows(win, q)
  local pos = vim.api.nvim_win_get_position(win)
  local f = { pos[1], pos[1] + vim.api.nvim_win_get_height(win) + 1 }
  local top = vim.fn.screenpos(0, q.lnum + 1, q.col + 1).row - 1
  local bottom = vim.fn.screenpos(0, q.end_lnum + 1, q.end_col + 1).row - 1
  return f, { top, bottom }
end

H.case('the float sits below or above the quote, never over it', function()
  vim.cmd('buffer ' .. bh)
  -- A quote wrapped over several rows, with the cursor on its first word.
  local q = quote(bh, 'We will not sign', 2)
  for _, at in ipairs({ 'top', 'bottom' }) do
    vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col })
    vim.cmd(at == 'top' and 'normal! zt' or 'normal! zb')
    vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col })
    vim.cmd('QuoteLens hover')
    local f, t = rows(float(), q)
    H.ok(t[2] > t[1], 'the quote takes several rows: ' .. vim.inspect(t))
    H.ok(f[2] < t[1] or f[1] > t[2], string.format('with the quote at the %s, float on rows %s, quote on %s',
      at, vim.inspect(f), vim.inspect(t)))
    H.ok(f[1] >= 0 and f[2] < vim.o.lines - vim.o.cmdheight, 'on the screen: ' .. vim.inspect(f))
    vim.api.nvim_win_close(float(), true)
  end
end)

H.case('q and <Esc> close the float once entered', function()
  vim.cmd('buffer ' .. bh)
  local q = quote(bh, 'We will not sign', 2)
  for _, key in ipairs({ 'q', '<Esc>' }) do
    vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
    local origin = vim.api.nvim_get_current_win()
    vim.cmd('QuoteLens hover')
    vim.cmd('QuoteLens hover')
    H.eq(vim.api.nvim_get_current_win(), float(), 'inside the float')
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(key, true, false, true), 'xt', false)
    H.eq(float(), nil, key .. ' closed it')
    H.eq(vim.api.nvim_get_current_win(), origin, 'back in the article')
  end
end)

H.case('<CR> on a source opens it at the quote', function()
  vim.cmd('buffer ' .. bh)
  local q = quote(bh, 'We will not sign', 2)
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLens hover')
  vim.cmd('QuoteLens hover')
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, true)
  local want = q.sources[#q.sources]
  local at
  for i, l in ipairs(lines) do
    if l:find(vim.fn.fnamemodify(want.file, ':~:.') .. ':' .. (want.lnum + 1), 1, true) == 1 then
      at = i
    end
  end
  H.ok(at, 'the source in the float: ' .. vim.inspect(lines))
  vim.api.nvim_win_set_cursor(0, { at + 1, 0 }) -- on the line below its name: still that source
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<CR>', true, false, true), 'xt', false)
  H.eq(float(), nil, 'the float closed')
  H.eq(vim.api.nvim_buf_get_name(0), want.file, 'the source opened')
  H.eq(vim.api.nvim_win_get_cursor(0), { want.lnum + 1, want.col }, 'at the quote')
  vim.cmd('buffer ' .. bh)
end)

H.case('a float cut short says more is below, and shows it all once entered', function()
  vim.cmd('buffer ' .. bh)
  local lines = vim.o.lines
  vim.o.lines = 12
  local q = quote(bh, 'We will not sign', 2)
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('normal! zz')
  local sq = require('quotelens.ui').quote_at_cursor()
  vim.cmd('QuoteLens hover')
  local buf = vim.api.nvim_win_get_buf(float())
  local shown = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  local all = require('quotelens.ui').hover_lines(sq, render.state[bh], bh)
  H.ok(#all > #shown, 'cut short: ' .. #shown .. ' of ' .. #all)
  H.eq(shown[#shown], string.format('↓ %d more lines: hover again to enter and scroll', #all - #shown + 1),
    'the last line says so')
  vim.cmd('QuoteLens hover')
  H.eq(vim.api.nvim_buf_get_lines(buf, 0, -1, true), all, 'every line once entered')
  vim.cmd('close')
  vim.o.lines = lines
end)

-- The end-of-line texts of buf, by 1-based row.
local function texts(buf)
  local by = {}
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, render.ns, 0, -1, { details = true })) do
    if m[4].virt_text then
      H.eq(by[m[2] + 1], nil, 'one text on row ' .. (m[2] + 1))
      by[m[2] + 1] = m[4].virt_text[1][1]
    end
  end
  return by
end

H.case('a partial quote with sources gets its end-of-line text', function()
  local q = quote(bh, 'relieved but not celebrating', 2)
  H.eq(q.kind, 'partial', 'a partial quote')
  local text = texts(bh)[q.end_lnum + 1] or ''
  H.ok(text:find('— ' .. q.speaker .. ' · ' .. #q.sources .. ' sources', 1, true), 'row text: ' .. text)
end)

H.case('a row holding several quotes speaks of each, and still after an edit', function()
  local qs = {}
  for _, q in ipairs(ql.quotes(bt)) do
    if q.end_lnum == 6 then
      qs[#qs + 1] = q
    end
  end
  H.eq(#qs, 2, 'two quotes end on row 7')
  local function want()
    local parts = {}
    for _, q in ipairs(ql.quotes(bt)) do
      if q.end_lnum == 6 then
        local n = #q.sources
        parts[#parts + 1] = '— ' .. q.speaker .. (n == 0 and '' or string.format(' · %d source%s', n, n == 1 and '' or 's'))
      end
    end
    return table.concat(parts, '  ')
  end
  H.eq(texts(bt)[7], want(), 'both quotes')
  -- An edit inside the second quote: only it is sent again.
  local second = qs[2]
  vim.api.nvim_buf_set_text(bt, second.lnum, second.col, second.lnum, second.col, { 'Truly, ' })
  H.wait(bt)
  H.ok(render.state[bt].partial, 'the update was a splice')
  H.eq(texts(bt)[7], want(), 'both quotes after the edit')
end)

H.finish()
