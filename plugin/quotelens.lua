-- quotelens: commands, <Plug> mappings and the autocommands that follow
-- article buffers. Nothing costly here: the modules load on first use.
if vim.g.loaded_quotelens then
  return
end
vim.g.loaded_quotelens = true

local function ql()
  return require('quotelens')
end
local function ui()
  return require('quotelens.ui')
end

local commands = {
  QuoteLensHover = { function() ui().hover() end, {} },
  QuoteLensSources = { function(o) ui().sources(o.bang) end, { bang = true } },
  QuoteLensNextSource = { function() ui().step_source(1) end, {} },
  QuoteLensPrevSource = { function() ui().step_source(-1) end, {} },
  QuoteLensNext = { function(o) ui().jump(1, o.count) end, { count = 1 } },
  QuoteLensPrev = { function(o) ui().jump(-1, o.count) end, { count = 1 } },
  QuoteLensList = { function() ui().list() end, {} },
  QuoteLensSpeakers = { function() ui().speakers() end, {} },
  QuoteLensAttach = { function() ql().attach(0) end, {} },
  QuoteLensDetach = { function() ql().detach(0) end, {} },
  QuoteLensToggle = { function() ql().toggle(0) end, {} },
  QuoteLensStatus = { function()
    local s = ql().status(0)
    local info = ql().running() and ql().request('quotelens_status') or nil
    local proc = info and string.format('co-process %s, %d buffers', info.version, info.buffers) or 'co-process not running'
    local c = info and ql().request('quotelens_corpus_status')
    if c and c.found > 0 then
      proc = proc .. string.format(' · corpus %d files (%.1f MB)%s%s', c.files, c.bytes / 1048576,
        c.left_out > 0 and string.format(', %d left out', c.left_out) or '', c.busy and ', indexing' or '')
    end
    vim.api.nvim_echo({ { 'quotelens: ' .. (s ~= '' and s or 'not attached') .. ' · ' .. proc } }, false, {})
  end, {} },
}

for name, def in pairs(commands) do
  vim.api.nvim_create_user_command(name, def[1], def[2])
end

local plugs = {
  ['<Plug>(quotelens-hover)'] = 'QuoteLensHover',
  ['<Plug>(quotelens-sources)'] = 'QuoteLensSources',
  ['<Plug>(quotelens-next-source)'] = 'QuoteLensNextSource',
  ['<Plug>(quotelens-prev-source)'] = 'QuoteLensPrevSource',
  ['<Plug>(quotelens-next)'] = 'QuoteLensNext',
  ['<Plug>(quotelens-prev)'] = 'QuoteLensPrev',
  ['<Plug>(quotelens-list)'] = 'QuoteLensList',
  ['<Plug>(quotelens-toggle)'] = 'QuoteLensToggle',
}
for lhs, cmd in pairs(plugs) do
  vim.keymap.set('n', lhs, function()
    vim.cmd((vim.v.count > 0 and vim.v.count or '') .. cmd)
  end, { silent = true, desc = cmd })
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
