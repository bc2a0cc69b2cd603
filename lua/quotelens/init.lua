-- quotelens: marks every direct quotation in an article, names who said it,
-- and links it to the same words in other sources. This module owns the
-- co-process (one for all buffers, started on the first article and
-- restarted after a crash on the next attach or command) and which buffers
-- are followed. Drawing is quotelens.render's; the commands' user interface
-- is quotelens.ui's.
local config = require('quotelens.config')
local render = require('quotelens.render')

local M = {}

local job = nil       -- channel id of the running co-process
local attached = {}   -- bufnr -> true
local died_told = false
local died = false    -- the co-process ended without being asked to
local large_told = {} -- bufnr -> true: told it is over max_buffer_mb
local leaving = false -- Neovim is quitting: the co-process is stopped on purpose
local asks = {}       -- question id -> function(result, err) waiting for its answer
local last_ask = 0

vim.api.nvim_create_autocmd('VimLeavePre', {
  group = vim.api.nvim_create_augroup('QuoteLensLeave', { clear = true }),
  callback = function() leaving = true end,
})

local function notify(msg, level)
  vim.schedule(function()
    vim.notify(msg, level or vim.log.levels.WARN, { title = 'quotelens' })
  end)
end

-- An update that does not follow the one on screen: ask for a whole one.
render.on_out_of_step = function(buf)
  if job then
    vim.rpcnotify(job, 'quotelens_refresh', buf)
  end
end

-- Called by the co-process when it cannot keep up (once).
function M.report(msg)
  notify(msg)
end

-- The buffer's size in bytes, lines joined by newlines; O(1) in its length.
local function buffer_bytes(buf)
  local n = vim.api.nvim_buf_line_count(buf)
  local last = vim.api.nvim_buf_get_lines(buf, n - 1, n, true)[1]
  return vim.api.nvim_buf_get_offset(buf, n - 1) + #last
end

local function tell_too_large(buf, bytes)
  if large_told[buf] then
    return
  end
  large_told[buf] = true
  local name = vim.api.nvim_buf_is_valid(buf) and vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':t') or ''
  notify(string.format('quotelens: %s is %.1f MB, over max_buffer_mb (%s); it is not analysed',
    name ~= '' and name or 'buffer ' .. buf, bytes / 1048576, tostring(config.options.max_buffer_mb)))
end

-- Called by the co-process when a followed buffer grew over max_buffer_mb:
-- it has stopped following it.
function M.too_large(buf, bytes)
  attached[buf] = nil
  render.clear(buf)
  tell_too_large(buf, bytes)
end

-- Called by the co-process when it cannot follow a buffer (more lines than
-- it can read, out of memory): it has let it go, and msg says why.
function M.unfollowed(buf, msg)
  attached[buf] = nil
  render.clear(buf)
  notify(msg)
end

local function on_exit(_, code)
  job = nil
  died = not leaving
  local bufs = vim.tbl_keys(attached)
  attached = {}
  vim.schedule(function()
    for _, b in ipairs(bufs) do
      render.clear(b)
    end
  end)
  -- A hover float shows the dead process's data: it goes with it.
  vim.schedule(function()
    if package.loaded['quotelens.ui'] then
      require('quotelens.ui').close_hover()
    end
  end)
  if code ~= 0 and not died_told and not leaving then
    died_told = true
    notify(string.format('quotelens: the co-process stopped (exit %d); it restarts on the next command', code))
  end
  M._detached_by_exit = bufs
  -- Questions it will never answer.
  local waiting = asks
  asks = {}
  vim.schedule(function()
    for _, cb in pairs(waiting) do
      cb(nil, 'stopped')
    end
  end)
end

-- The options the co-process needs; sent at its start and by setup().
local function send_options(chan)
  vim.rpcnotify(chan, 'quotelens_limits', config.bytes(config.options.max_buffer_mb),
    config.bytes(config.options.corpus_max_mb))
  local dirs = vim.tbl_map(function(d) return vim.fn.expand(d) end, config.options.corpus)
  vim.rpcnotify(chan, 'quotelens_corpus', unpack(dirs))
end

local function start()
  if job then
    return job
  end
  local cmd = config.cmd()
  if vim.fn.executable(cmd[1]) ~= 1 then
    if not died_told then
      died_told = true
      notify('quotelens: ' .. cmd[1] .. ' not found; run make in the plugin folder', vim.log.levels.ERROR)
    end
    return nil
  end
  local ok, id = pcall(vim.fn.jobstart, cmd, { rpc = true, on_exit = on_exit })
  if not ok or id <= 0 then
    notify('quotelens: cannot start ' .. cmd[1], vim.log.levels.ERROR)
    return nil
  end
  job = id
  died_told, died = false, false
  send_options(job)
  -- Buffers followed before a crash come back.
  local again = M._detached_by_exit or {}
  M._detached_by_exit = nil
  for _, b in ipairs(again) do
    if vim.api.nvim_buf_is_valid(b) then
      M.attach(b)
    end
  end
  return job
end

local function buf_of(bufnr)
  if not bufnr or bufnr == 0 then
    return vim.api.nvim_get_current_buf()
  end
  return bufnr
end

-- The rows a window shows of buf (0-based, end exclusive), so that a long
-- article's first update can bring them first; {} when none shows it.
local function view_of(buf)
  local win = vim.api.nvim_get_current_buf() == buf and vim.api.nvim_get_current_win()
    or vim.fn.bufwinid(buf)
  if win == -1 then
    return {}
  end
  return vim.api.nvim_win_call(win, function()
    return { vim.fn.line('w0') - 1, vim.fn.line('w$') }
  end)
end

function M.attach(bufnr)
  local buf = buf_of(bufnr)
  if not vim.api.nvim_buf_is_loaded(buf) or vim.bo[buf].buftype ~= '' then
    return false
  end
  -- Checked here too, so a huge buffer is never sent to the co-process.
  local bytes = buffer_bytes(buf)
  if bytes > config.bytes(config.options.max_buffer_mb) then
    tell_too_large(buf, bytes)
    return false
  end
  local chan = start()
  if not chan then
    return false
  end
  local name = vim.api.nvim_buf_get_name(buf)
  if name == '' then
    name = 'buffer ' .. buf
  end
  attached[buf] = true
  vim.rpcnotify(chan, 'quotelens_attach', buf, name, view_of(buf))
  if config.options.on_attach then
    config.options.on_attach(buf)
  end
  return true
end

function M.detach(bufnr)
  local buf = buf_of(bufnr)
  if attached[buf] and job then
    vim.rpcnotify(job, 'quotelens_detach', buf)
  end
  attached[buf] = nil
  render.clear(buf)
end

function M.toggle(bufnr)
  local buf = buf_of(bufnr)
  if attached[buf] then
    M.detach(buf)
  else
    M.attach(buf)
  end
end

function M.is_attached(bufnr)
  return attached[buf_of(bufnr)] == true
end

-- Attaches when the filetype is one the user asked for.
function M.auto_attach(bufnr)
  local buf = buf_of(bufnr)
  if vim.tbl_contains(config.options.filetypes, vim.bo[buf].filetype) then
    M.attach(buf)
  end
end

-- After :edit! Neovim detaches the co-process from the buffer: follow it again.
function M.reattach(bufnr)
  local buf = buf_of(bufnr)
  if attached[buf] then
    M.attach(buf)
  end
end

-- Tells the co-process the buffer's size when a change settles, so a copy
-- that Neovim's events led astray (its bug #11591) is noticed and fetched
-- again. Both sizes cost O(1) here, whatever the buffer's length.
function M.verify(bufnr)
  local buf = buf_of(bufnr)
  if not attached[buf] or not job then
    return
  end
  vim.rpcnotify(job, 'quotelens_verify', buf, vim.api.nvim_buf_get_changedtick(buf),
    vim.api.nvim_buf_line_count(buf), buffer_bytes(buf))
end

function M.forget(bufnr)
  attached[bufnr] = nil
  large_told[bufnr] = nil
  render.state[bufnr] = nil
end

-- The buffer's quotes, with 0-based positions as extmarks use them.
function M.quotes(bufnr)
  local buf = buf_of(bufnr)
  local st = render.state[buf]
  if not st then
    return {}
  end
  local out = {}
  for _, q in ipairs(st.quotes) do
    local sources = {}
    for _, s in ipairs(q.sources) do
      sources[#sources + 1] = {
        file = s.file, lnum = s.lnum, col = s.col, bufnr = render.source_buf(s.file),
        speaker = s.speaker, relation = s.relation, similarity = s.similarity,
        class = s.class, kind = s.kind, diff = s.diff,
      }
    end
    out[#out + 1] = {
      lnum = q.lnum, col = q.col, end_lnum = q.end_lnum, end_col = q.end_col,
      speaker = q.speaker, cue = q.cue, kind = q.kind, confidence = q.confidence,
      rule = q.rule, sources = sources,
    }
  end
  return out
end

-- A short string for a statusline: "“” 12 quotes · 3 linked".
function M.status(bufnr)
  local buf = buf_of(bufnr)
  if not attached[buf] then
    return ''
  end
  local st = render.state[buf]
  if not st then
    return 'quotelens …'
  end
  local linked = 0
  for _, q in ipairs(st.quotes) do
    if #q.sources > 0 then
      linked = linked + 1
    end
  end
  -- A long article shows its window's quotes first; the rest follows.
  return string.format('%d quotes · %d linked%s', #st.quotes, linked, st.complete == false and ' …' or '')
end

-- Before any command: a co-process that died is started again, and the
-- buffers it followed are followed again. The current buffer's first
-- update is waited for (a second at most) so that the command finds its
-- quotes.
function M.revive()
  if job or not died then
    return
  end
  local buf = vim.api.nvim_get_current_buf()
  local was = vim.tbl_contains(M._detached_by_exit or {}, buf)
  for _, b in ipairs(M._detached_by_exit or {}) do
    render.clear(b) -- now, not when the scheduled clear comes
  end
  if start() and was then
    vim.wait(1000, function() return render.state[buf] ~= nil end, 5)
  end
end

function M.running()
  return job ~= nil
end

-- Milliseconds a question to the co-process waits for its answer.
M.timeout = 3000

local function unnil(v)
  if v == vim.NIL then
    return nil
  end
  return v
end

-- Called by the co-process with the answer to question `id` (M.ask).
function M.answer(id, result, err)
  local cb = asks[id]
  asks[id] = nil
  if cb then
    cb(unnil(result), unnil(err))
  end
end

-- Asks the co-process without waiting: it answers with a notification
-- (quotelens_ask), never vim.rpcrequest, which has no bound and would
-- freeze Neovim on a stopped or busy co-process. cb(result, err) runs once:
-- with the answer, or with err 'not running', 'stopped' (it died) or
-- 'timeout' (no answer within M.timeout ms).
function M.ask(method, args, cb)
  local chan = start()
  if not chan then
    vim.schedule(function() cb(nil, 'not running') end)
    return
  end
  last_ask = last_ask + 1
  local id = last_ask
  asks[id] = cb
  vim.rpcnotify(chan, 'quotelens_ask', id, method, args or {})
  vim.defer_fn(function() M.answer(id, nil, 'timeout') end, M.timeout)
end

-- Asks and waits for the answer, M.timeout ms at most; nil and the reason
-- when there is none.
function M.request(method, ...)
  local result, err, done = nil, nil, false
  M.ask(method, { ... }, function(r, e) result, err, done = r, e, true end)
  vim.wait(M.timeout + 100, function() return done end, 5)
  return result, err
end

function M.setup(opts)
  config.set(opts)
  if job then
    send_options(job)
  end
  require('quotelens.highlights').define()
  local display = config.diagnostic_config()
  if display then
    vim.diagnostic.config(display, render.ns)
  end
  -- Follow the buffers already open that the options now cover.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and not attached[b] then
      M.auto_attach(b)
    end
  end
  local group = vim.api.nvim_create_augroup('QuoteLensHover', { clear = true })
  if config.options.hover_on_cursorhold then
    vim.api.nvim_create_autocmd('CursorHold', {
      group = group,
      callback = function()
        if attached[vim.api.nvim_get_current_buf()] then
          require('quotelens.ui').hover({ quiet = true })
        end
      end,
    })
  end
end

return M
