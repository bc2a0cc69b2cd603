-- quotelens.render: applies one update from the co-process to a buffer:
-- extmarks for quotes and speakers, end-of-line virtual text, diagnostics.
-- Called through nvim_exec_lua, once per buffer per change. Never touches
-- the buffer's text.
local config = require('quotelens.config')

local M = {}

M.ns = vim.api.nvim_create_namespace('quotelens')
-- bufnr -> { tick, seq, partial (the last update carried only some quotes),
--           complete (false while only a window's rows are known), quotes, diags }
M.state = {}

-- The buffer a source's file names, or nil. The co-process knows a buffer
-- with no name as 'buffer N' (init.lua's attach): that is buffer N while it
-- still has no name, never a file of that name. Otherwise the loaded
-- buffer whose name is exactly the file (bufnr() alone would take a
-- pattern and match part of another name).
function M.source_buf(file)
  local n = tonumber(file:match('^buffer (%d+)$'))
  if n and vim.api.nvim_buf_is_valid(n) and vim.api.nvim_buf_get_name(n) == '' then
    return n
  end
  local b = vim.fn.bufnr(file)
  if b > 0 and vim.api.nvim_buf_get_name(b) == vim.fn.fnamemodify(file, ':p') then
    return b
  end
  return nil
end

local function mark(buf, row, col, opts)
  -- An update races with typing: a position may already be past the end.
  local ok, id = pcall(vim.api.nvim_buf_set_extmark, buf, M.ns, row, col, opts)
  return ok and id or nil
end

-- Whether q gets end-of-line text: a full quote, or a partial one that
-- other sources carry; never a mention, which is nobody's words.
local function speaks(q)
  return q.kind == 'full' or (q.kind == 'partial' and #q.sources > 0)
end

local function virt_text(q)
  local who = q.speaker or 'unattributed'
  local n = #q.sources
  if n == 0 then
    return '— ' .. who
  end
  return string.format('— %s · %d source%s', who, n, n == 1 and '' or 's')
end

-- msgpack nil arrives as vim.NIL, which is true in a condition.
local function unnil(t)
  for k, v in pairs(t) do
    if v == vim.NIL then
      t[k] = nil
    end
  end
  return t
end

local function differs(q)
  for _, s in ipairs(q.sources) do
    if vim.tbl_contains(s.class, 'wording') then
      return true
    end
  end
  return false
end

-- The quotes one row's end-of-line text names; past them it counts.
local ROW_TEXTS = 6

-- The end-of-line text of the row where quotes[i] ends: one text for
-- every quote that ends there, in order ("— Ana Ruiz · 2 sources  — Tomas
-- Berg"), held by the last of them. Quotes do not overlap, so those ending
-- on one row are neighbours in the list.
local function row_text(buf, quotes, i)
  local row = quotes[i].end_lnum
  local first, last = i, i
  while quotes[first - 1] and quotes[first - 1].end_lnum == row do
    first = first - 1
  end
  while quotes[last + 1] and quotes[last + 1].end_lnum == row do
    last = last + 1
  end
  local parts, owner, more = {}, nil, 0
  for k = first, last do
    local q = quotes[k]
    if q._marks and q._marks[3] then
      vim.api.nvim_buf_del_extmark(buf, M.ns, q._marks[3])
      q._marks[3] = nil
    end
    if speaks(q) then
      owner = q
      if #parts < ROW_TEXTS then
        parts[#parts + 1] = virt_text(q)
      else
        more = more + 1
      end
    end
  end
  if more > 0 then
    parts[#parts + 1] = string.format('(%d more)', more)
  end
  if owner and owner._marks then
    owner._marks[3] = mark(buf, row, 0, {
      virt_text = { { table.concat(parts, '  '), 'QuoteLensVirtText' } }, virt_text_pos = 'eol' })
  end
end

-- Sets the marks of quotes[from..to], remembering their ids on each quote
-- so that a later update can take them away again; then the end-of-line
-- text of their rows and of their neighbours' (which may share a row).
local function draw(buf, quotes, from, to)
  for i = from, to do
    local q = quotes[i]
    local hl = q.kind == 'partial' and 'QuoteLensPartial'
      or q.kind == 'mention' and 'QuoteLensMention' or 'QuoteLensQuote'
    q._marks = {}
    q._marks[1] = mark(buf, q.lnum, q.col, {
      end_row = q.end_lnum, end_col = q.end_col, hl_group = differs(q) and 'QuoteLensVariant' or hl,
      priority = 110,
    })
    if q.mention then
      local m = q.mention
      q._marks[2] = mark(buf, m.lnum, m.col, { end_row = m.end_lnum, end_col = m.end_col, hl_group = 'QuoteLensSpeaker' })
    end
  end
  if not config.options.virtual_text then
    return
  end
  local done = {}
  for i = math.max(from - 1, 1), math.min(to + 1, #quotes) do
    if not done[quotes[i].end_lnum] then
      done[quotes[i].end_lnum] = true
      row_text(buf, quotes, i)
    end
  end
end

local function undraw(buf, q)
  for _, id in pairs(q._marks or {}) do
    vim.api.nvim_buf_del_extmark(buf, M.ns, id)
  end
end

local function moved(p, rows)
  p.lnum = p.lnum + rows
  p.end_lnum = p.end_lnum + rows
end

-- After an edit: quotes[first+1 .. first+removed] give way to `fresh`, and
-- the quotes after them (whose marks Neovim moved with the text) are
-- `rows` lines further down.
local function splice(buf, st, delta, fresh)
  local list = st.quotes
  for i = delta.first + 1, delta.first + delta.removed do
    undraw(buf, list[i])
  end
  -- Typing inside a quote keeps the count: the list changes in place.
  local tail = {}
  if #fresh ~= delta.removed then
    local n = #list
    for i = delta.first + delta.removed + 1, n do
      tail[#tail + 1] = list[i]
    end
    for i = delta.first + 1, n do
      list[i] = nil
    end
  end
  for i, q in ipairs(fresh) do
    list[delta.first + i] = q
  end
  for i, q in ipairs(tail) do
    list[delta.first + #fresh + i] = q
  end
  if delta.rows ~= 0 then
    for i = delta.first + #fresh + 1, #list do
      local q = list[i]
      moved(q, delta.rows)
      if q.mention then
        moved(q.mention, delta.rows)
      end
    end
  end
  draw(buf, list, delta.first + 1, delta.first + #fresh)
end

local function set_diagnostics(buf, diags)
  if not config.diagnostic_config() then
    return
  end
  local items = {}
  for _, d in ipairs(diags) do
    items[#items + 1] = {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.code, source = 'quotelens',
    }
  end
  -- An update that raced with an edit may point past a line's end.
  pcall(vim.diagnostic.set, M.ns, buf, items)
end

-- Called by init when an update cannot be applied: the co-process then
-- sends the whole of the next one.
M.on_out_of_step = function(_) end

-- One update: the whole view of the buffer (delta == nil), or after an edit
-- the quotes that changed (delta = {base, first, removed, rows}, applied on
-- top of update `base`). diags is nil when they did not change. view_only:
-- the quotes of the rows a window shows of a long article; the whole
-- follows.
function M.apply(buf, tick, seq, quotes, diags, delta, view_only)
  if not vim.api.nvim_buf_is_valid(buf) then
    return
  end
  for _, q in ipairs(quotes) do
    unnil(q)
    for _, s in ipairs(q.sources) do
      unnil(s)
    end
  end
  if delta == vim.NIL then
    delta = nil
  end
  local st = M.state[buf]
  if vim.api.nvim_buf_get_changedtick(buf) ~= tick then
    return -- a newer update is on its way
  end
  if delta then
    if not st or st.seq ~= delta.base then
      M.on_out_of_step(buf)
      return
    end
    splice(buf, st, delta, quotes)
  else
    st = { quotes = quotes, diags = {}, complete = not view_only }
    M.state[buf] = st
    vim.api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    draw(buf, quotes, 1, #quotes)
  end
  st.tick, st.seq, st.partial = tick, seq, delta ~= nil
  if diags ~= vim.NIL and diags ~= nil then
    st.diags = diags
    set_diagnostics(buf, diags)
  end
  vim.b[buf].quotelens_changedtick = tick
end

function M.clear(buf)
  M.state[buf] = nil
  if vim.api.nvim_buf_is_valid(buf) then
    vim.api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    vim.diagnostic.reset(M.ns, buf)
    vim.b[buf].quotelens_changedtick = nil
  end
end

return M
