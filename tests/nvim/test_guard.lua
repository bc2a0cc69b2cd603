-- No silent loss at the message guard (issue 13): a buffer of more lines
-- than the co-process reads is skipped whole, the user is told with
-- vim.notify and the buffer is no longer followed, while another buffer
-- is still annotated; lines of that buffer that spell an RPC call are
-- never executed.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
H.setup()

local told = {}
local notify = vim.notify
vim.notify = function(msg, level, opts)
  told[#told + 1] = msg
  return notify(msg, level, opts)
end

H.case('a buffer over 8,388,608 lines: skipped, told, not followed', function()
  local small = H.open(H.copy('tests/fixtures/quotes/according_to.txt'))
  H.wait(small)
  vim.cmd('enew')
  local big = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_name(big, 'long-list.txt')
  -- A line that is a whole RPC request of the co-process's protocol: a
  -- resync into the lines would have run it.
  local crafted = vim.mpack.encode({ 0, 99, 'quotelens_detach', { small } })
  local lines = {}
  for i = 1, 8388608 + 10 do
    lines[i] = (i % 1000 == 1) and crafted or 'x'
  end
  vim.api.nvim_buf_set_lines(big, 0, -1, true, lines)
  lines = nil
  H.ok(require('quotelens').attach(big), 'attached (under max_buffer_mb)')
  local ok = vim.wait(60000, function()
    for _, m in ipairs(told) do
      if m:find('long%-list%.txt') and m:find('more lines') then
        return true
      end
    end
  end, 50)
  H.ok(ok, 'the user is told: ' .. vim.inspect(told))
  H.ok(not require('quotelens').is_attached(big), 'no longer followed')
  -- The other buffer is still followed, and an edit is annotated.
  vim.api.nvim_buf_set_lines(small, 0, 0, true, { '“A new line,” said Ana Ruiz.', '' })
  H.wait(small)
  H.ok(require('quotelens').is_attached(small), 'the small buffer still followed')
  H.ok(#require('quotelens').quotes(small) > 0, 'still annotated')
end)

H.finish()
