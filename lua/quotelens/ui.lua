-- quotelens.ui: the commands' user interface: the hover float, the source
-- pickers, jumps, and the location list and speaker views. Reads what
-- quotelens.render keeps of the last update; asks the co-process nothing.
local render = require('quotelens.render')

local M = {}

-- "1 source", "2 sources".
local function plural(n, word)
  return string.format('%d %s%s', n, word, n == 1 and '' or 's')
end

local hover_win = nil
local entering = false -- entering the float must not close it

local function state(buf)
  return render.state[buf or vim.api.nvim_get_current_buf()]
end

-- Whether the current buffer is followed; says so when it is not, for
-- "no quote under the cursor" would be wrong there.
local function article(quiet)
  if require('quotelens').is_attached(0) then
    return true
  end
  if not quiet then
    vim.notify('quotelens: not an article buffer: :QuoteLens attach', vim.log.levels.INFO)
  end
  return false
end

local function before(r1, c1, r2, c2)
  return r1 < r2 or (r1 == r2 and c1 < c2)
end

-- The quote under the cursor (between its marks), or nil.
function M.quote_at_cursor()
  local st = state()
  if not st then
    return nil
  end
  local pos = vim.api.nvim_win_get_cursor(0)
  local row, col = pos[1] - 1, pos[2]
  for i, q in ipairs(st.quotes) do
    -- The marks themselves count as part of the quote.
    local s_col = math.max(q.col - 3, 0)
    if not before(row, col, q.lnum, s_col) and not before(q.end_lnum, q.end_col + 3, row, col) then
      return q, i
    end
  end
  return nil
end

local function short(path)
  return vim.fn.fnamemodify(path, ':~:.')
end

local function diff_text(s)
  local parts = {}
  for _, op in ipairs(s.diff or {}) do
    local kind, a, b = op[1], op[2], op[3]
    if kind == '~' then
      parts[#parts + 1] = string.format('[-%s-]{+%s+}', a, b)
    elseif kind == '-' then
      parts[#parts + 1] = string.format('[-%s-]', a)
    elseif kind == '+' then
      parts[#parts + 1] = string.format('{+%s+}', b)
    else
      parts[#parts + 1] = b
    end
  end
  return table.concat(parts, ' ')
end

-- The diagnostics of the last update that lie on quote q.
local function warnings_of(st, q)
  local found = {}
  for _, d in ipairs(st and st.diags or {}) do
    if not before(d.lnum, d.col, q.lnum, q.col - 3) and not before(q.end_lnum, q.end_col + 3, d.lnum, d.col) then
      found[#found + 1] = d
    end
  end
  return found
end

-- Which rule named the speaker, in words, and whom the words naming them
-- stand for when they are not the name itself: "he → Ana Ruiz".
local function why_line(q, buf)
  local line = '  ' .. q.why
  local m = q.mention
  if m and q.speaker then
    local ok, text = pcall(vim.api.nvim_buf_get_text, buf, m.lnum, m.col, m.end_lnum, m.end_col, {})
    text = ok and table.concat(text, ' ') or ''
    if text ~= '' and not q.speaker:find(text, 1, true) then
      line = line .. string.format(': %s → %s', text, q.speaker)
    end
  end
  return line
end

-- The lines of the hover float for a quote: who and by which rule, then
-- what is wrong with it (wording or speaker differing from another
-- source), then each source.
function M.hover_lines(q, st, buf)
  local lines, source_at = {}, {}
  if q.kind == 'mention' then -- a title, a nickname, a term: nobody is quoted
    return { 'mention · ' .. (q.rule or 'mention'):gsub('^mention:', '') .. ' · not speech' }
  end
  local head = (q.speaker or 'unattributed')
  if q.cue then
    head = head .. ' (' .. q.cue .. ')'
  end
  lines[#lines + 1] = head .. ' · ' .. q.kind .. string.format(' · confidence %.2f', q.confidence)
  if q.why then
    lines[#lines + 1] = why_line(q, buf or vim.api.nvim_get_current_buf())
  end
  for _, d in ipairs(warnings_of(st, q)) do
    lines[#lines + 1] = '! ' .. d.message
  end
  if #q.sources == 0 then
    lines[#lines + 1] = 'No other source carries this quote.'
  end
  for _, s in ipairs(q.sources) do
    lines[#lines + 1] = ''
    lines[#lines + 1] = string.format('%s:%d  %s · %s · %.0f%%', short(s.file), s.lnum + 1,
      s.speaker or 'unattributed', s.relation, 100 * s.similarity)
    source_at[#lines] = s
    if #s.class > 0 then
      lines[#lines + 1] = '  differs: ' .. table.concat(s.class, ', ')
      source_at[#lines] = s
    end
    lines[#lines + 1] = '  ' .. diff_text(s):gsub('\n', ' ')
    source_at[#lines] = s
  end
  return lines, source_at
end

-- Highlights the [-removed-] and {+added+} words of the float.
local function highlight_diff(buf, lines)
  local ns = vim.api.nvim_create_namespace('quotelens_hover')
  for i, l in ipairs(lines) do
    for s, e in l:gmatch('()%[%-.-%-%]()') do
      vim.api.nvim_buf_add_highlight(buf, ns, 'QuoteLensDiffDelete', i - 1, s - 1, e - 1)
    end
    for s, e in l:gmatch('(){%+.-%+}()') do
      vim.api.nvim_buf_add_highlight(buf, ns, 'QuoteLensDiffAdd', i - 1, s - 1, e - 1)
    end
    if l:sub(1, 2) == '! ' then
      vim.api.nvim_buf_add_highlight(buf, ns, 'DiagnosticWarn', i - 1, 0, -1)
    end
  end
end

function M.close_hover()
  if hover_win and vim.api.nvim_win_is_valid(hover_win) then
    vim.api.nvim_win_close(hover_win, true)
  end
  hover_win = nil
end

-- How many screen rows lines take in a window `width` columns wide.
local function rows_of(lines, width)
  local n = 0
  for _, l in ipairs(lines) do
    n = n + math.max(1, math.ceil(vim.fn.strdisplaywidth(l) / width))
  end
  return n
end

-- Where the float goes, in the editor's rows: below the quote's last screen
-- row if it fits, else above its first, else on the larger side, cut to
-- fit; never over the quote. Returns its row, its height and whether cut.
local function place(q, height)
  local win = vim.api.nvim_get_current_win()
  local wrow = vim.api.nvim_win_get_position(win)[1]
  local top = vim.fn.screenpos(win, q.lnum + 1, q.col + 1).row -- 1-based; 0 out of view
  local bottom = vim.fn.screenpos(win, q.end_lnum + 1, q.end_col + 1).row
  top = top > 0 and top or wrow + 1
  bottom = bottom > 0 and bottom or wrow + vim.api.nvim_win_get_height(win)
  local below = vim.o.lines - vim.o.cmdheight - bottom
  local above = top - 1
  local need = height + 2 -- the border
  if need <= below then
    return bottom, height, false
  elseif need <= above then
    return above - need, height, false
  elseif below >= above then
    return bottom, math.max(below - 2, 1), true
  end
  return 0, math.max(above - 2, 1), true
end

-- The lines a float of `height` rows shows: all of them, or when they do
-- not fit, those that do and a last line saying how many more there are.
local function fitting(lines, width, height)
  if rows_of(lines, width) <= height then
    return lines
  end
  local shown, used = {}, 0
  for _, l in ipairs(lines) do
    local r = rows_of({ l }, width)
    if used + r > height - 1 then
      break
    end
    shown[#shown + 1], used = l, used + r
  end
  shown[#shown + 1] = string.format('↓ %d more lines: hover again to enter and scroll',
    #lines - #shown)
  return shown
end

local function set_lines(buf, lines)
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  highlight_diff(buf, lines)
end

-- Keys inside the float: q and <Esc> close it, as LSP hover's do; <CR> on
-- a source's lines opens that source at the quote.
local function float_keys(buf, origin_win, source_at)
  local close = function() M.close_hover() end
  vim.keymap.set('n', 'q', close, { buffer = buf, nowait = true, desc = 'close the hover' })
  vim.keymap.set('n', '<Esc>', close, { buffer = buf, nowait = true, desc = 'close the hover' })
  vim.keymap.set('n', '<CR>', function()
    local s = source_at[vim.api.nvim_win_get_cursor(0)[1]]
    if not s then
      vim.notify('quotelens: <CR> on the lines of a source opens it', vim.log.levels.INFO)
      return
    end
    M.close_hover()
    if vim.api.nvim_win_is_valid(origin_win) then
      vim.api.nvim_set_current_win(origin_win)
    end
    M.open_source(s)
  end, { buffer = buf, nowait = true, desc = 'open this source at the quote' })
end

-- Called again on an open float: enter it, like LSP hover, with every line.
local function enter_hover()
  entering = true
  vim.api.nvim_set_current_win(hover_win)
  entering = false
  local buf = vim.api.nvim_win_get_buf(hover_win)
  local full = vim.b[buf].quotelens_lines
  if full and vim.api.nvim_buf_line_count(buf) ~= #full then
    set_lines(buf, full)
  end
end

-- Closes the float when the cursor leaves the quote's buffer or moves.
local function close_on_move(origin)
  vim.api.nvim_create_autocmd({ 'CursorMoved', 'BufLeave', 'InsertEnter' }, {
    buffer = origin,
    callback = function()
      if entering then
        return -- the float is being entered: keep it and keep watching
      end
      if hover_win and vim.api.nvim_win_is_valid(hover_win) and vim.api.nvim_get_current_win() ~= hover_win then
        vim.api.nvim_win_close(hover_win, true)
      end
      hover_win = nil
      return true -- done: remove this autocommand
    end,
  })
end

function M.hover(opts)
  opts = opts or {}
  if not article(opts.quiet) then
    return nil
  end
  if hover_win and vim.api.nvim_win_is_valid(hover_win) then
    if not opts.quiet then
      enter_hover()
    end
    return hover_win
  end
  local q = M.quote_at_cursor()
  if not q then
    if not opts.quiet then
      vim.notify('quotelens: no quote under the cursor', vim.log.levels.INFO)
    end
    return nil
  end
  local lines, source_at = M.hover_lines(q, state())
  local width = 20
  for _, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
  end
  width = math.min(width, math.floor(vim.o.columns * 0.8))
  local row, height = place(q, math.min(rows_of(lines, width), 20))
  local buf = vim.api.nvim_create_buf(false, true)
  vim.bo[buf].bufhidden = 'wipe'
  vim.b[buf].quotelens_lines = lines
  set_lines(buf, fitting(lines, width, height))
  local origin_win = vim.api.nvim_get_current_win()
  local col = vim.fn.screenpos(origin_win, vim.fn.line('.'), vim.fn.col('.')).col - 1
  hover_win = vim.api.nvim_open_win(buf, false, {
    relative = 'editor', row = row, col = math.max(0, math.min(col, vim.o.columns - width - 2)),
    style = 'minimal', border = 'rounded', width = width, height = height, focusable = true,
  })
  vim.wo[hover_win].wrap = true
  float_keys(buf, origin_win, source_at)
  close_on_move(vim.api.nvim_get_current_buf())
  return hover_win
end

function M.open_source(s)
  local b = render.source_buf(s.file)
  if b and vim.api.nvim_buf_is_loaded(b) then
    vim.api.nvim_set_current_buf(b)
  elseif s.file:match('^buffer %d+$') and vim.fn.filereadable(s.file) == 0 then
    vim.notify('quotelens: ' .. s.file .. ' (no name) is gone', vim.log.levels.WARN)
    return
  else
    vim.cmd('edit ' .. vim.fn.fnameescape(s.file))
  end
  pcall(vim.api.nvim_win_set_cursor, 0, { s.lnum + 1, s.col })
end

local function qf_items(q)
  local items = {}
  for _, s in ipairs(q.sources) do
    local b = render.source_buf(s.file)
    items[#items + 1] = {
      bufnr = b, filename = not b and s.file or nil, lnum = s.lnum + 1, col = s.col + 1,
      text = string.format('%s · %s · %s', s.speaker or 'unattributed', s.relation, table.concat(s.class, ', ')),
    }
  end
  return items
end

function M.sources(bang)
  if not article() then
    return
  end
  local q = M.quote_at_cursor()
  if not q then
    vim.notify('quotelens: no quote under the cursor', vim.log.levels.INFO)
    return
  end
  if #q.sources == 0 then
    vim.notify('quotelens: no other source carries this quote', vim.log.levels.INFO)
    return
  end
  if bang then
    vim.fn.setqflist({}, ' ', { title = 'quotelens sources', items = qf_items(q) })
    vim.cmd('copen')
    return
  end
  vim.ui.select(q.sources, {
    prompt = 'Other sources of this quote',
    format_item = function(s)
      return string.format('%s:%d  %s · %s', short(s.file), s.lnum + 1, s.speaker or 'unattributed', s.relation)
    end,
  }, function(s)
    if s then
      M.open_source(s)
    end
  end)
end

-- The walk through a group of copies: every copy of one quote (here and
-- in each source), in one fixed order, and the one the cursor was taken to.
local walk = nil -- { copies = { {file, lnum, col}... }, at = index }

local function buf_file(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  return name ~= '' and name or 'buffer ' .. buf -- as init.attach names it
end

local function copy_before(a, b)
  if a.file ~= b.file then
    return a.file < b.file
  end
  return before(a.lnum, a.col, b.lnum, b.col)
end

-- The copies of q, by file then line, and the index of this one.
local function copies_of(q)
  local here = { file = buf_file(vim.api.nvim_get_current_buf()), lnum = q.lnum, col = q.col }
  local list = { here }
  for _, s in ipairs(q.sources) do
    list[#list + 1] = s
  end
  table.sort(list, copy_before)
  for i, c in ipairs(list) do
    if c == here then
      return list, i
    end
  end
end

-- Whether the cursor is still where the walk took it, so that the walk goes
-- on from there even where that copy is not followed (a corpus file).
local function on_walk()
  if not walk then
    return false
  end
  local c = walk.copies[walk.at]
  local pos = vim.api.nvim_win_get_cursor(0)
  return render.source_buf(c.file) == vim.api.nvim_get_current_buf() and pos[1] == c.lnum + 1 and pos[2] == c.col
end

-- Goes to the same quote in the next (step 1) or previous copy of the group
-- (file, then line), coming back round to where the walk started.
function M.step_source(step)
  if not on_walk() then
    if not article() then
      return
    end
    local q = M.quote_at_cursor()
    if not q or #q.sources == 0 then
      vim.notify('quotelens: no other source for the quote under the cursor', vim.log.levels.INFO)
      return
    end
    local copies, at = copies_of(q)
    walk = { copies = copies, at = at }
  end
  walk.at = (walk.at - 1 + step) % #walk.copies + 1
  local c = walk.copies[walk.at]
  M.open_source(c)
  vim.notify(string.format('quotelens: copy %d of %d: %s:%d', walk.at, #walk.copies, short(c.file), c.lnum + 1),
    vim.log.levels.INFO)
end

-- Moves to the count-th next (step 1) or previous (step -1) quote; past the
-- last (or the first) it goes round, and says so, as a search does.
function M.jump(step, count)
  if not article() then
    return
  end
  local st = state()
  if not st or #st.quotes == 0 then
    vim.notify('quotelens: no quotes in this buffer', vim.log.levels.INFO)
    return
  end
  local pos = vim.api.nvim_win_get_cursor(0)
  local row, col = pos[1] - 1, pos[2]
  local n = #st.quotes
  -- i: the last quote that starts before the cursor (or at it, going on).
  local i = 0
  for k, q in ipairs(st.quotes) do
    if before(q.lnum, q.col, row, col) or (step > 0 and q.lnum == row and q.col == col) then
      i = k
    end
  end
  count = math.max(count or 1, 1)
  local target = step > 0 and i + count or i + 1 - count
  if (step > 0 and target > n) or (step < 0 and target < 1) then
    vim.notify(step > 0 and 'quotelens: past the last quote, continuing at the first'
      or 'quotelens: past the first quote, continuing at the last', vim.log.levels.INFO)
  end
  local q = st.quotes[(target - 1) % n + 1]
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col })
end

local function first_words(buf, q)
  local ok, text = pcall(vim.api.nvim_buf_get_text, buf, q.lnum, q.col, q.end_lnum, q.end_col, {})
  local s = ok and table.concat(text, ' ') or ''
  if #s > 50 then
    s = s:sub(1, 47):gsub('[\128-\191]*$', '') .. '…'
  end
  return s
end

function M.list()
  if not article() then
    return
  end
  local buf = vim.api.nvim_get_current_buf()
  local st = state(buf)
  if not st then
    return
  end
  local items = {}
  for _, q in ipairs(st.quotes) do
    items[#items + 1] = {
      bufnr = buf, lnum = q.lnum + 1, col = q.col + 1,
      text = string.format('%s: “%s” [%s]', q.kind == 'mention' and 'mention' or q.speaker or 'unattributed',
        first_words(buf, q),
        plural(#q.sources, 'source')),
    }
  end
  vim.fn.setloclist(0, {}, ' ', { title = 'quotelens quotes', items = items })
  vim.cmd('lopen')
end

-- Who is quoted, how often and at what length: a sourcing-balance view.
function M.speakers()
  if not article() then
    return {}
  end
  local buf = vim.api.nvim_get_current_buf()
  local st = state(buf)
  if not st then
    return {}
  end
  local by = {}
  for _, q in ipairs(st.quotes) do
    local who = q.speaker or 'unattributed'
    local ok, text = false, nil
    if q.kind ~= 'mention' then -- a mention is nobody's words
      by[who] = by[who] or { speaker = who, quotes = 0, words = 0 }
      by[who].quotes = by[who].quotes + 1
      ok, text = pcall(vim.api.nvim_buf_get_text, buf, q.lnum, q.col, q.end_lnum, q.end_col, {})
    end
    if ok then
      for _ in table.concat(text, ' '):gmatch('%S+') do
        by[who].words = by[who].words + 1
      end
    end
  end
  local rows = vim.tbl_values(by)
  table.sort(rows, function(a, b) return a.words > b.words end)
  local total = 0
  for _, r in ipairs(rows) do
    total = total + r.words
  end
  local lines = {}
  for _, r in ipairs(rows) do
    r.share = total > 0 and math.floor(100 * r.words / total + 0.5) or 0
    lines[#lines + 1] = string.format('%-40s %-10s %-11s %3d%% of quoted words', r.speaker,
      plural(r.quotes, 'quote'), plural(r.words, 'word'), r.share)
  end
  vim.api.nvim_echo({ { table.concat(lines, '\n') } }, false, {})
  return rows
end

return M
