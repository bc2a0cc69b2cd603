-- A stopped co-process never freezes Neovim (issue 13, item 2): with the
-- process under SIGSTOP, :QuoteLens status, hover and the other commands
-- return at once, and status says within seconds that it does not answer;
-- continued, it answers again.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
H.setup()

local path = H.copy('examples/harbour-herald.txt')
local buf = H.open(path)
H.wait(buf)

local pid
for _, c in ipairs(vim.api.nvim_list_chans()) do
  if c.mode == 'rpc' and c.stream == 'job' then
    pid = vim.fn.jobpid(c.id)
  end
end
assert(pid, 'the co-process runs')

-- A stopped process would hold vim.rpcrequest for ever: a guard continues
-- it after 20 s, so that a regression fails on time instead of hanging.
vim.fn.jobstart({ 'sh', '-c', 'sleep 20; kill -CONT ' .. pid })
vim.loop.kill(pid, 'sigstop')

local said = {}
local notify = vim.notify
vim.notify = function(msg) said[#said + 1] = msg end

local function ms(fn)
  local t = vim.loop.hrtime()
  fn()
  return (vim.loop.hrtime() - t) / 1e6
end

H.case(':QuoteLens status returns at once and says the co-process does not answer', function()
  said = {}
  local took = ms(function() vim.cmd('QuoteLens status') end)
  H.ok(took < 500, string.format('the command took %.0f ms', took))
  local told = vim.wait(ql.timeout + 2000, function() return #said > 0 end, 10)
  H.ok(told, 'a message within seconds')
  H.ok(said[1]:find('the co-process does not answer', 1, true), 'message: ' .. vim.inspect(said))
end)

H.case('hover, next, list and speakers work from what is on screen', function()
  local q = ql.quotes(buf)[1]
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  local took = ms(function()
    vim.cmd('QuoteLens hover')
    vim.cmd('QuoteLens next')
    vim.cmd('QuoteLens list')
    vim.cmd('lclose')
    vim.cmd('QuoteLens speakers')
  end)
  H.ok(took < 500, string.format('the commands took %.0f ms', took))
  H.eq(#vim.fn.getloclist(0), #ql.quotes(buf), 'the list was made')
end)

H.case('typing while it is stopped does not wait on it', function()
  local took = ms(function()
    for i = 1, 50 do
      vim.api.nvim_buf_set_lines(buf, 0, 0, true, { 'A line typed while stopped, number ' .. i .. '.' })
      vim.cmd('doautocmd TextChanged')
    end
  end)
  H.ok(took < 1000, string.format('50 edits took %.0f ms', took))
end)

H.case('a question to a stopped co-process comes back empty within its bound', function()
  local result, err
  local took = ms(function() result, err = ql.request('quotelens_status') end)
  H.eq(result, nil, 'no answer')
  H.eq(err, 'timeout', 'timed out')
  H.ok(took < ql.timeout + 1000, string.format('took %.0f ms', took))
end)

H.case('continued, it answers again and catches up', function()
  vim.loop.kill(pid, 'sigcont')
  local info = ql.request('quotelens_status')
  H.ok(info and info.buffers == 1, 'status: ' .. vim.inspect(info))
  H.wait(buf)
  said = {}
  vim.cmd('QuoteLens status')
  H.ok(vim.wait(ql.timeout, function() return #said > 0 end, 10), 'told')
  H.ok(said[1]:find('co%-process %d+%.%d+%.%d+, 1 buffer$'), 'message: ' .. vim.inspect(said))
end)

H.case('a question left unanswered by a co-process that dies is answered "stopped" at once', function()
  vim.loop.kill(pid, 'sigstop')
  local got
  ql.ask('quotelens_status', {}, function(r, err) got = { r, err } end)
  vim.loop.kill(pid, 'sigkill')
  local t = vim.loop.hrtime()
  H.ok(vim.wait(ql.timeout, function() return got ~= nil end, 5), 'answered')
  H.eq(got, { nil, 'stopped' }, 'the reason')
  H.ok((vim.loop.hrtime() - t) / 1e6 < ql.timeout / 2, 'before its timeout')
  said = {}
  vim.cmd('QuoteLens status') -- any command starts it again
  H.ok(vim.wait(ql.timeout, function() return #said > 0 end, 10), 'told')
  H.ok(said[1]:find('co%-process %d+%.%d+%.%d+, 1 buffer$'), 'running again: ' .. vim.inspect(said))
end)

vim.notify = notify
H.finish()
