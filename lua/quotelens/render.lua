-- quotelens.render: applies one update from the co-process to a buffer:
-- extmarks for quotes and speakers, end-of-line virtual text, diagnostics.
-- Called through nvim_exec_lua, once per buffer per change. Never touches
-- the buffer's text.
local config = require('quotelens.config')

local M = {}

M.ns = vim.api.nvim_create_namespace('quotelens')
-- bufnr -> { tick, quotes, diags }
M.state = {}

local function mark(buf, row, col, opts)
  -- An update races with typing: a position may already be past the end.
  pcall(vim.api.nvim_buf_set_extmark, buf, M.ns, row, col, opts)
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

function M.apply(buf, tick, quotes, diags)
  if not vim.api.nvim_buf_is_valid(buf) then
    return
  end
  for _, q in ipairs(quotes) do
    unnil(q)
    for _, s in ipairs(q.sources) do
      unnil(s)
    end
  end
  if vim.api.nvim_buf_get_changedtick(buf) ~= tick then
    return -- a newer update is on its way
  end
  M.state[buf] = { tick = tick, quotes = quotes, diags = diags }
  vim.api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  local opts = config.options
  local last_row = {}
  for _, q in ipairs(quotes) do
    local hl = q.kind == 'partial' and 'QuoteLensPartial' or 'QuoteLensQuote'
    local differs = false
    for _, s in ipairs(q.sources) do
      if vim.tbl_contains(s.class, 'wording') then
        differs = true
      end
    end
    mark(buf, q.lnum, q.col, {
      end_row = q.end_lnum, end_col = q.end_col, hl_group = differs and 'QuoteLensVariant' or hl,
      priority = 110,
    })
    if q.mention then
      local m = q.mention
      mark(buf, m.lnum, m.col, { end_row = m.end_lnum, end_col = m.end_col, hl_group = 'QuoteLensSpeaker' })
    end
    if opts.virtual_text and q.kind == 'full' then
      last_row[q.end_lnum] = virt_text(q)
    end
  end
  for row, text in pairs(last_row) do
    mark(buf, row, 0, { virt_text = { { text, 'QuoteLensVirtText' } }, virt_text_pos = 'eol' })
  end
  if opts.diagnostics then
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
