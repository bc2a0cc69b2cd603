-- quotelens.commands: the subcommands of :QuoteLens, which the old
-- :QuoteLens* names and the <Plug>(quotelens-*) mappings run too. Each one
-- first restarts a co-process that died (so the promise "it restarts on the
-- next command" holds for every command), takes a count only where a count
-- means something (next, prev) and ignores it elsewhere, and says what it
-- did when nothing on screen shows it (attach, detach, toggle, status).
local M = {}

local function ql()
  return require('quotelens')
end
local function ui()
  return require('quotelens.ui')
end

local function say(msg, level)
  vim.notify('quotelens: ' .. msg, level or vim.log.levels.INFO)
end

local function label(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  return name ~= '' and vim.fn.fnamemodify(name, ':~:.') or 'buffer ' .. buf
end

local function attach()
  local buf = vim.api.nvim_get_current_buf()
  if ql().is_attached(buf) then
    say('already following ' .. label(buf))
  elseif ql().attach(buf) then
    say('following ' .. label(buf))
  elseif vim.bo[buf].buftype ~= '' then
    say(label(buf) .. ' is not a file buffer (buftype=' .. vim.bo[buf].buftype .. '); not followed',
      vim.log.levels.WARN)
  end -- otherwise attach said why (too large, no co-process)
end

local function detach()
  local buf = vim.api.nvim_get_current_buf()
  if not ql().is_attached(buf) then
    say(label(buf) .. ' was not followed')
    return
  end
  ql().detach(buf)
  say('stopped following ' .. label(buf) .. '; :QuoteLens attach follows it again')
end

local function toggle()
  if ql().is_attached(0) then
    detach()
  else
    attach()
  end
end

local function corpus_words(c)
  if not c or c.found == 0 then
    return ''
  end
  return string.format(' · corpus %d files (%.1f MB)%s%s', c.files, c.bytes / 1048576,
    c.left_out > 0 and string.format(', %d left out', c.left_out) or '', c.busy and ', indexing' or '')
end

-- Asks the co-process for its figures without waiting on it (a stopped
-- one must not freeze Neovim) and tells them when both answers are in, or
-- that it does not answer.
function M.status()
  local s = ql().status(0)
  local head = (s ~= '' and s or 'not following this buffer') .. ' · '
  if not ql().running() then
    say(head .. 'co-process not running')
    return
  end
  local got = {}
  local function done()
    if got.status == nil or got.corpus == nil then
      return
    end
    local info = got.status
    if not info then
      say(head .. 'the co-process does not answer (' .. got.err .. ')', vim.log.levels.WARN)
      return
    end
    say(head .. string.format('co-process %s, %d buffer%s', info.version, info.buffers, info.buffers == 1 and '' or 's')
      .. corpus_words(got.corpus))
  end
  ql().ask('quotelens_status', {}, function(r, err)
    got.status, got.err = r or false, err
    done()
  end)
  ql().ask('quotelens_corpus_status', {}, function(r)
    got.corpus = r or false
    done()
  end)
end

-- name, the old command it keeps as an alias, the function given
-- { count = n (0 when none), bang = bool }. count: the subcommand uses it.
M.subcommands = {
  { 'hover', 'QuoteLensHover', function() ui().hover() end },
  { 'sources', 'QuoteLensSources', function(o) ui().sources(o.bang) end, bang = true },
  { 'next', 'QuoteLensNext', function(o) ui().jump(1, o.count) end, count = true },
  { 'prev', 'QuoteLensPrev', function(o) ui().jump(-1, o.count) end, count = true },
  { 'next-source', 'QuoteLensNextSource', function() ui().step_source(1) end },
  { 'prev-source', 'QuoteLensPrevSource', function() ui().step_source(-1) end },
  { 'list', 'QuoteLensList', function() ui().list() end },
  { 'speakers', 'QuoteLensSpeakers', function() ui().speakers() end },
  { 'attach', 'QuoteLensAttach', attach },
  { 'detach', 'QuoteLensDetach', detach },
  { 'toggle', 'QuoteLensToggle', toggle },
  { 'status', 'QuoteLensStatus', function() M.status() end },
}

local by_name = {}
M.names = {}
for _, s in ipairs(M.subcommands) do
  by_name[s[1]] = s
  M.names[#M.names + 1] = s[1]
end

-- Runs subcommand `name`; opts as the subcommands take them.
function M.run(name, opts)
  opts = opts or {}
  local bang = name:sub(-1) == '!' -- :QuoteLens sources! as :QuoteLens! sources
  name = bang and name:sub(1, -2) or name
  local sub = by_name[name]
  if not sub then
    say(string.format("unknown subcommand '%s'; one of: %s", name, table.concat(M.names, ', ')),
      vim.log.levels.ERROR)
    return
  end
  ql().revive()
  sub[3]({ count = opts.count or 0, bang = opts.bang or bang })
end

-- The completion of :QuoteLens: the subcommands that start with what is typed.
function M.complete(lead, line)
  if line:match('^%s*%S+%s+%S+%s') then
    return {} -- one subcommand only
  end
  return vim.tbl_filter(function(n) return n:sub(1, #lead) == lead end, M.names)
end

return M
