-- The demo: two outlets' reports of one story side by side, annotated, the
-- cursor on a quote that the other outlet words differently, hover open.
local root = vim.fn.getcwd()
vim.cmd('filetype on')
vim.cmd('syntax on')
require('quotelens').setup({
  corpus = { root .. '/examples' },
  on_attach = function(buf)
    local map = function(lhs, rhs) vim.keymap.set('n', lhs, rhs, { buffer = buf, remap = true }) end
    map('K', '<Plug>(quotelens-hover)')
    map(']"', '<Plug>(quotelens-next)')
    map('["', '<Plug>(quotelens-prev)')
    map(']o', '<Plug>(quotelens-next-source)')
    map('[o', '<Plug>(quotelens-prev-source)')
    map('<LocalLeader>s', '<Plug>(quotelens-sources)')
  end,
})
vim.o.signcolumn = 'yes'
vim.cmd('edit ' .. root .. '/examples/harbour-herald.txt')
vim.cmd('vsplit ' .. root .. '/examples/coastal-times.txt')
vim.cmd('wincmd h')
local buf = vim.api.nvim_get_current_buf()
vim.wait(5000, function()
  for _, q in ipairs(require('quotelens').quotes(buf)) do
    for _, s in ipairs(q.sources) do
      if vim.tbl_contains(s.class, 'wording') then
        vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col })
        return true
      end
    end
  end
  return false
end, 20)
vim.cmd('QuoteLensHover')
vim.api.nvim_echo({ { 'quotelens demo: K hover · ]" [" next/prev quote · ]o [o other copies · \\s sources · :help quotelens', 'Comment' } }, false, {})
