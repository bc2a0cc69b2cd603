-- The co-process's life: one process for many buffers, corpus folders,
-- wiped buffers, and a crash that is told once and mended on the next
-- command with the annotations back.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')

local corpus = vim.fn.tempname()
vim.fn.mkdir(corpus, 'p')
H.copy('examples/valdoria-wire.txt', corpus)
H.setup({ corpus = { corpus } })

local dir = vim.fn.tempname()
local files = { 'harbour-herald.txt', 'coastal-times.txt', 'island-post.txt', 'the-ledger.md' }
local paths = {}
for _, f in ipairs(files) do
  paths[#paths + 1] = H.copy('examples/' .. f, dir)
end

H.case('twenty buffers, one co-process', function()
  local bufs = {}
  for i = 1, 20 do
    local p = dir .. '/copy' .. i .. '.txt'
    vim.fn.writefile(vim.fn.readfile(paths[(i - 1) % #paths + 1]), p)
    bufs[#bufs + 1] = H.open(p)
  end
  for _, b in ipairs(bufs) do
    H.wait(b)
    H.ok(#ql.quotes(b) > 0, 'annotated buffer ' .. b)
  end
  local info = ql.request('quotelens_status')
  H.eq(info.buffers, 20, 'buffers followed by one process')
  for _, b in ipairs(bufs) do
    vim.cmd('bwipeout! ' .. b)
  end
  vim.wait(2000, function() return ql.request('quotelens_status').buffers == 0 end, 10)
  H.eq(ql.request('quotelens_status').buffers, 0, 'wiped buffers are dropped')
end)

H.case('a corpus folder is a source, and opens from the picker', function()
  local buf = H.open(paths[1])
  H.wait(buf)
  local found
  vim.wait(5000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      for _, s in ipairs(q.sources) do
        if s.file:find(corpus, 1, true) then
          found = { q = q, s = s }
          return true
        end
      end
    end
  end, 10)
  H.ok(found, 'a quote found in the corpus folder')
  H.eq(found.s.bufnr, nil, 'not an open buffer')
  require('quotelens.ui').open_source(found.s)
  H.eq(vim.api.nvim_buf_get_name(0), found.s.file, 'the corpus file opened')
  H.eq(vim.api.nvim_win_get_cursor(0), { found.s.lnum + 1, found.s.col }, 'at the quote')
  vim.cmd('buffer ' .. buf)
end)

H.case('a killed co-process is told once and restarts on the next command', function()
  local buf = vim.api.nvim_get_current_buf()
  local messages = {}
  local notify = vim.notify
  vim.notify = function(msg) messages[#messages + 1] = msg end
  local pid
  for _, c in ipairs(vim.api.nvim_list_chans()) do
    if c.mode == 'rpc' and c.stream == 'job' then
      pid = vim.fn.jobpid(c.id)
    end
  end
  vim.loop.kill(pid, 'sigkill')
  vim.wait(3000, function() return not ql.running() end, 10)
  H.ok(not ql.running(), 'the plugin saw it die')
  vim.wait(200)
  H.eq(#messages, 1, 'told once: ' .. vim.inspect(messages))
  vim.notify = notify
  vim.cmd('QuoteLensAttach')
  H.wait(buf)
  H.ok(ql.running(), 'running again')
  H.ok(#ql.quotes(buf) > 0, 'annotations back')
end)

H.case('the co-process exits when Neovim goes away', function()
  local pid
  for _, c in ipairs(vim.api.nvim_list_chans()) do
    if c.mode == 'rpc' and c.stream == 'job' then
      pid = vim.fn.jobpid(c.id)
    end
  end
  H.ok(pid, 'co-process pid')
  -- A second Neovim runs the plugin; killed with SIGKILL, its co-process must end.
  local script = vim.fn.tempname() .. '.lua'
  vim.fn.writefile({
    'local H = dofile(os.getenv("QUOTELENS_ROOT") .. "/tests/nvim/helpers.lua")',
    'H.setup()',
    'H.open("' .. paths[1] .. '")',
    'H.wait(0)',
    'for _, c in ipairs(vim.api.nvim_list_chans()) do if c.mode == "rpc" and c.stream == "job" then',
    '  vim.fn.writefile({ tostring(vim.fn.jobpid(c.id)) }, "' .. script .. '.pid") end end',
    'vim.wait(60000)',
  }, script)
  local child = vim.fn.jobstart({ 'nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-n',
    '--cmd', 'set rtp^=' .. H.root, '--cmd', 'runtime plugin/quotelens.lua', '-c', 'luafile ' .. script })
  local cpid
  H.ok(vim.wait(20000, function()
    cpid = vim.fn.filereadable(script .. '.pid') == 1 and tonumber(vim.fn.readfile(script .. '.pid')[1])
    return cpid ~= nil and cpid ~= false
  end, 20), 'child started')
  vim.loop.kill(vim.fn.jobpid(child), 'sigkill')
  local gone = vim.wait(3000, function()
    return vim.fn.system({ 'sh', '-c', 'kill -0 ' .. cpid .. ' 2>/dev/null && echo alive' }) == ''
  end, 50)
  H.ok(gone, 'the orphaned co-process exited')
end)

H.finish()
