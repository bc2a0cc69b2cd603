-- The whole reading at a pause in typing runs beside the loop (issue 13
-- item 2): in a 4 MB article the co-process answers a request, and applies
-- a keystroke, while the reading runs; a reading of text that changed
-- meanwhile is let go, and the annotations end as a whole scan gives them.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
H.setup()
local ql = require('quotelens')

local src = {}
for _, f in ipairs({ 'harbour-herald.txt', 'coastal-times.txt', 'island-post.txt' }) do
  vim.list_extend(src, vim.fn.readfile(H.root .. '/examples/' .. f))
end
local lines, bytes = {}, 0
while bytes < 4000000 do
  for _, l in ipairs(src) do
    lines[#lines + 1] = l
    bytes = bytes + #l + 1
  end
end
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local path = dir .. '/long-article.txt'
vim.fn.writefile(lines, path)
local buf = H.open(path)
H.wait(buf, 120000)
local render = require('quotelens.render')
vim.wait(120000, function() return render.state[buf] and render.state[buf].complete end, 10)
local row = math.floor(#lines / 2)

local function status()
  return ql.request('quotelens_status') or {}
end

local function type_at(i)
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
  vim.api.nvim_buf_set_lines(buf, row, row + 1, true, { '“Typing ' .. i .. ',” she said. ' .. line:sub(1, 60) })
end

-- Types, then waits for the pause's whole reading to start.
local function reading_started(i)
  type_at(i)
  H.wait(buf)
  return vim.wait(5000, function() return (status().reading or 0) > 0 end, 1)
end

H.case('a request is answered while the whole reading runs', function()
  H.ok(reading_started(1), 'the whole reading was seen running')
  H.eq(ql.request('quotelens_ping'), 'pong', 'answered')
  H.ok((status().reading or 0) > 0, 'answered before the reading ended')
end)

H.case('a keystroke is applied while the whole reading runs', function()
  H.ok(reading_started(2), 'the whole reading was seen running')
  type_at(3)
  H.wait(buf)
  H.ok((status().reading or 0) > 0, 'annotated before the reading ended')
end)

H.case('a reading of changed text is let go; the next pause reads again', function()
  vim.wait(5000, function() return (status().reading or 0) == 0 end, 10)
  vim.wait(1000) -- the pause after the last keystroke, and its reading
  vim.wait(10000, function() return (status().reading or 0) == 0 end, 10)
  vim.cmd('silent write')
  local want = #H.scan({ path })
  H.eq(#ql.quotes(buf), want, 'as many quotes as a whole scan finds')
end)

H.finish()
