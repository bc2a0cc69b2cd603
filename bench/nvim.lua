-- Keystroke-to-annotation latency and attach time in Neovim, with the real
-- plugin and co-process, for articles of BENCH_LINES lines; and the bare
-- round trip of an empty request. BENCH_EDITS edits, or as many as fit in
-- BENCH_EDIT_SECONDS, so that a slow build still finishes the bench.
-- Prints one line: the edits made, then in ms:
--   edits attach attach_complete median_edit p99_edit bare_median
-- attach: until b:quotelens_changedtick shows annotations (of a long
-- article, those of the rows the window shows); attach_complete: until the
-- whole article's annotations, sources included, are in.
local root = os.getenv('QUOTELENS_ROOT')
local lines_wanted = tonumber(os.getenv('BENCH_LINES') or '1000')
local edits = tonumber(os.getenv('BENCH_EDITS') or '1000')
local budget_ns = tonumber(os.getenv('BENCH_EDIT_SECONDS') or '20') * 1e9
require('quotelens').setup({ cmd = { root .. '/build/quotelens' }, filetypes = {} })
local ql = require('quotelens')

local src = {}
for _, f in ipairs({ 'harbour-herald.txt', 'coastal-times.txt', 'island-post.txt' }) do
  vim.list_extend(src, vim.fn.readfile(root .. '/examples/' .. f))
end
local lines = {}
while #lines < lines_wanted do
  vim.list_extend(lines, src)
end
lines = vim.list_slice(lines, 1, lines_wanted)

vim.cmd('enew')
local buf = vim.api.nvim_get_current_buf()
vim.api.nvim_buf_set_lines(buf, 0, -1, true, lines)
local function caught_up()
  return vim.b[buf].quotelens_changedtick == vim.api.nvim_buf_get_changedtick(buf)
end
local t0 = vim.loop.hrtime()
ql.attach(buf)
vim.wait(60000, caught_up, 0)
local attach_ms = (vim.loop.hrtime() - t0) / 1e6
local render = require('quotelens.render')
vim.wait(60000, function() return render.state[buf] and render.state[buf].complete end, 0)
local complete_ms = (vim.loop.hrtime() - t0) / 1e6

-- Edits in the middle of the article, inside a quoted line.
local row = math.floor(lines_wanted / 2)
local times = {}
local started = vim.loop.hrtime()
for i = 1, edits do
  if vim.loop.hrtime() - started > budget_ns then
    break
  end
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
  local s = vim.loop.hrtime()
  vim.api.nvim_buf_set_lines(buf, row, row + 1, true, { '“Typing ' .. i .. ',” she said. ' .. line:sub(1, 80) })
  vim.wait(10000, caught_up, 0)
  times[#times + 1] = (vim.loop.hrtime() - s) / 1e6
end
table.sort(times)

local chan
for _, c in ipairs(vim.api.nvim_list_chans()) do
  if c.mode == 'rpc' and c.stream == 'job' then chan = c.id end
end
local bare = {}
for _ = 1, 1000 do
  local s = vim.loop.hrtime()
  vim.rpcrequest(chan, 'quotelens_ping')
  bare[#bare + 1] = (vim.loop.hrtime() - s) / 1e6
end
table.sort(bare)
local function q(t, p) return t[math.max(1, math.ceil(#t * p))] end
io.stdout:write(string.format('%d %.2f %.2f %.3f %.3f %.3f\n', #times, attach_ms, complete_ms, q(times, 0.5),
  q(times, 0.99), q(bare, 0.5)))
vim.cmd('qa!')
