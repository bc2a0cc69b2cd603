-- Corpus folders that cannot be read: a missing path and a folder without
-- read permission are told once each (not at every pass), a file without
-- read permission is skipped with one log line, the co-process keeps
-- serving, and each is indexed once it can be read. Run as root, the
-- co-process is started without the capabilities that bypass file
-- permissions (setpriv), so chmod means the same as for a user.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local config = require('quotelens.config')

local function setup(opts)
  H.setup(opts)
  if vim.loop.getuid() == 0 then
    table.insert(config.options.cmd, 1, 'setpriv')
    table.insert(config.options.cmd, 2, '--bounding-set=-dac_override,-dac_read_search')
  end
end

if vim.loop.getuid() == 0 and vim.fn.executable('setpriv') == 0 then
  io.stderr:write('SKIP: running as root without setpriv, permissions cannot be tested\n')
  vim.cmd('cq 77')
end

local log = vim.fn.tempname()
vim.env.QUOTELENS_LOG = log
local root = vim.fn.tempname()
local missing = root .. '/missing'
local locked = root .. '/locked'
local open = root .. '/open'
local hidden = H.copy('examples/coastal-times.txt', locked)
local good = H.copy('examples/valdoria-wire.txt', open)
local secret = H.copy('examples/island-post.txt', open)
vim.loop.fs_chmod(locked, 0)
vim.loop.fs_chmod(secret, 0)
setup({ corpus = { missing, locked, open } })

local messages = {}
vim.notify = function(msg) messages[#messages + 1] = msg end
local function told(path)
  return #vim.tbl_filter(function(m) return m:find(path, 1, true) ~= nil end, messages)
end
local function logged(path)
  return #vim.tbl_filter(function(l) return l:find(path, 1, true) ~= nil end, vim.fn.readfile(log))
end

local function status(paths)
  return ql.request('quotelens_corpus_status', paths == true)
end
local function indexed(path)
  return vim.tbl_contains(status(true).paths, path)
end
local function settled(before, ms)
  local st
  H.ok(vim.wait(ms or 10000, function()
    st = status()
    return st.passes > before and not st.busy
  end, 10), 'the corpus settles after pass ' .. before)
  return st
end

local buf = H.open(H.copy('examples/harbour-herald.txt', vim.fn.tempname()))
H.wait(buf)

H.case('unreadable folders are told once each, the co-process keeps serving', function()
  local st = settled(0)
  vim.wait(100)
  H.eq(told(missing), 1, 'the missing folder told once: ' .. vim.inspect(messages))
  H.eq(told(locked), 1, 'the locked folder told once')
  H.eq(#messages, 2, 'nothing else: ' .. vim.inspect(messages))
  H.ok(messages[1]:find('cannot be read'), 'says what is wrong: ' .. messages[1])
  H.eq(ql.request('quotelens_ping'), 'pong', 'the co-process answers')
  H.ok(indexed(good), 'the readable file is indexed')
  H.ok(not indexed(secret), 'the unreadable file is not')
  H.eq(logged(secret), 1, 'the unreadable file is one log line')
  H.ok(#ql.quotes(buf) > 0, 'the buffer is annotated')
  -- More passes (here for a new file) tell nothing again.
  local late = H.copy('examples/the-ledger.md', open)
  st = settled(st.passes)
  H.ok(indexed(late), 'the new file is indexed')
  st = settled(st.passes, 8000) -- the timer walks again for the missing folder
  H.eq(#messages, 2, 'not told again: ' .. vim.inspect(messages))
  H.eq(logged(secret), 1, 'not logged again')
end)

H.case('each is indexed once it can be read', function()
  vim.loop.fs_chmod(secret, 420)
  H.ok(vim.wait(10000, function() return indexed(secret) end, 20), 'the file made readable is indexed')
  vim.loop.fs_chmod(locked, 493)
  H.ok(vim.wait(10000, function() return indexed(hidden) end, 20), 'the folder made readable is indexed')
  local appeared = H.copy('examples/coastal-times.txt', missing)
  H.ok(vim.wait(10000, function() return indexed(appeared) end, 20), 'the folder that appeared is indexed')
  H.eq(#messages, 2, 'nothing more told: ' .. vim.inspect(messages))
end)

H.case(':checkhealth still checks the corpus folders', function()
  vim.fn.delete(missing, 'rf')
  vim.cmd('checkhealth quotelens')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.ok(text:find('corpus folder not readable: ' .. missing, 1, true), 'the missing folder is flagged')
  H.ok(text:find('corpus folder ' .. open .. ': 3 articles', 1, true), 'the readable one counted')
  vim.cmd('bwipeout!')
end)

H.finish()
