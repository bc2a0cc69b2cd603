-- Hostile input. The co-process is driven over a raw pipe with bytes that
-- are not msgpack, messages that are not RPC, unknown methods, unknown
-- buffers, events out of range and a huge declared array: it must answer
-- errors where a request asked and keep serving. Then, through the real
-- plugin, buffers with invalid UTF-8, NUL bytes and a 1 MB line.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local mpack = vim.mpack

local out = ''
local job = vim.fn.jobstart({ H.bin }, {
  on_stdout = function(_, data) out = out .. table.concat(data, '\n') end,
  stdout_buffered = false,
})

local function send(bytes)
  vim.fn.chansend(job, bytes)
end

-- Decodes every complete message written so far.
local function responses()
  local unpack = mpack.Unpacker()
  local got, pos = {}, 1
  while pos <= #out do
    local ok, obj, nxt = pcall(unpack, out, pos)
    if not ok or obj == nil or not nxt or nxt <= pos then
      break
    end
    got[#got + 1] = obj
    pos = nxt
  end
  return got
end

local function request(id, method, params)
  send(mpack.encode({ 0, id, method, params }))
end

local function wait_for(id)
  local found
  vim.wait(5000, function()
    for _, r in ipairs(responses()) do
      if r[1] == 1 and r[2] == id then
        found = r
        return true
      end
    end
  end, 10)
  return found
end

H.case('garbage, then a request: answered', function()
  send('\193\193\255 not msgpack at all \0\0\0')
  send(mpack.encode({ 7, 8, 9 }))
  send(mpack.encode({ 0, 1, 'quotelens_ping' }))             -- too short
  request(2, 'quotelens_ping', {})
  local r = wait_for(2)
  H.ok(r, 'answered after garbage')
  H.eq(r[4], 'pong', 'the answer')
end)

H.case('unknown methods and buffers get errors', function()
  request(3, 'no_such_method', {})
  local r = wait_for(3)
  H.ok(r and r[3] ~= nil and r[3] ~= vim.NIL, 'an error for an unknown method')
  request(4, 'quotelens_digest', { 99 })
  r = wait_for(4)
  H.ok(r and r[3] ~= nil and r[3] ~= vim.NIL, 'an error for an unknown buffer')
end)

H.case('events out of order, out of range, for unknown buffers', function()
  send(mpack.encode({ 2, 'nvim_buf_lines_event', { 5, 1, 10, 20, { 'x' }, false } }))
  send(mpack.encode({ 2, 'nvim_buf_changedtick_event', { 5, 3 } }))
  send(mpack.encode({ 2, 'nvim_buf_detach_event', { 5 } }))
  send(mpack.encode({ 2, 'quotelens_attach', { 'not a buffer' } }))
  send(mpack.encode({ 2, 'nvim_buf_lines_event', { 'x', 'y', 'z' } }))
  request(5, 'quotelens_ping', {})
  H.eq((wait_for(5) or {})[4], 'pong', 'still serving')
end)

H.case('a huge declared array is refused, not allocated', function()
  send('\147\002\161x\221\255\255\255\255')    -- [2, "x", array32 of 4 billion
  request(6, 'quotelens_ping', {})
  H.eq((wait_for(6) or {})[4], 'pong', 'still serving')
  H.eq(vim.fn.jobwait({ job }, 0)[1], -1, 'still running')
end)

vim.fn.jobstop(job)
H.setup()

H.case('invalid UTF-8, NUL bytes and a 1 MB line in a buffer', function()
  -- Set through the API: a file with bad bytes would be read as latin1.
  local long = string.rep('word ', 200000)
  vim.cmd('enew')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, true, { 'Bad bytes \255\254 then “a quote,” she said.',
    'A NUL \0 here.', '“' .. long .. '” he said.', '“Fine,” Ruiz said.' })
  require('quotelens').attach(buf)
  H.wait(buf)
  local quotes = require('quotelens').quotes(buf)
  H.ok(#quotes >= 3, 'quotes found around the bad bytes: ' .. #quotes)
  vim.api.nvim_buf_set_lines(buf, 0, 1, true, { '\255“Edited,” she said.' })
  H.wait(buf)
  H.ok(require('quotelens').running(), 'co-process alive')
end)

H.finish()
