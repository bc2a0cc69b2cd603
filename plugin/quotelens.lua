-- quotelens: commands, <Plug> mappings and the autocommands that follow
-- article buffers. Nothing costly here: the modules load on first use.
if vim.g.loaded_quotelens then
  return
end
vim.g.loaded_quotelens = true

local function ql()
  return require('quotelens')
end
local commands = require('quotelens.commands')

-- :QuoteLens {subcommand}, as gitsigns and other plugins have it. Every
-- command accepts a count, so that 3K on a mapping is no E481; only next
-- and prev use it.
vim.api.nvim_create_user_command('QuoteLens', function(o)
  commands.run(o.fargs[1] or 'status', o)
end, { nargs = '?', count = 0, bang = true, complete = commands.complete, desc = 'quotelens {subcommand}' })

for _, sub in ipairs(commands.subcommands) do
  local name = sub[1]
  -- The names from before :QuoteLens, kept as aliases.
  vim.api.nvim_create_user_command(sub[2], function(o) commands.run(name, o) end,
    { count = 0, bang = sub.bang or false, desc = ':QuoteLens ' .. name })
  vim.keymap.set('n', '<Plug>(quotelens-' .. name .. ')', function()
    commands.run(name, { count = vim.v.count })
  end, { silent = true, desc = ':QuoteLens ' .. name })
end

local group = vim.api.nvim_create_augroup('QuoteLens', { clear = true })
vim.api.nvim_create_autocmd('FileType', {
  group = group,
  callback = function(a) ql().auto_attach(a.buf) end,
})
vim.api.nvim_create_autocmd('BufReadPost', {
  group = group,
  callback = function(a)
    if package.loaded['quotelens'] then
      ql().reattach(a.buf)
    end
  end,
})
vim.api.nvim_create_autocmd({ 'TextChanged', 'InsertLeave' }, {
  group = group,
  callback = function(a)
    if package.loaded['quotelens'] then
      ql().verify(a.buf)
    end
  end,
})
vim.api.nvim_create_autocmd('BufWipeout', {
  group = group,
  callback = function(a)
    if package.loaded['quotelens'] then
      ql().forget(a.buf)
    end
  end,
})
vim.api.nvim_create_autocmd('ColorScheme', {
  group = group,
  callback = function() require('quotelens.highlights').define() end,
})
require('quotelens.highlights').define()
