-- :checkhealth quotelens
local M = {}

local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error

function M.check()
  local config = require('quotelens.config')
  start('quotelens')
  local v = vim.version()
  if vim.fn.has('nvim-0.7') == 1 then
    ok(string.format('Neovim %d.%d.%d', v.major, v.minor, v.patch))
  else
    err('Neovim 0.7 or later is needed')
  end
  local cmd = config.cmd()
  if vim.fn.executable(cmd[1]) == 1 then
    local out = vim.fn.system({ cmd[1], '--version' })
    if vim.v.shell_error == 0 then
      ok('co-process ' .. cmd[1] .. ': ' .. vim.trim(out))
    else
      err(cmd[1] .. ' does not run: ' .. vim.trim(out))
    end
  else
    err('co-process not found: ' .. cmd[1], { 'run make in ' .. config.root() })
  end
  for _, dir in ipairs(config.options.corpus) do
    local d = vim.fn.expand(dir)
    -- fs_scandir opens the folder as the co-process will, so a folder
    -- without read permission is flagged.
    if vim.fn.isdirectory(d) == 1 and vim.loop.fs_scandir(d) then
      local files = #vim.fn.globpath(d, '**/*.txt', false, true) + #vim.fn.globpath(d, '**/*.md', false, true)
        + #vim.fn.globpath(d, '**/*.html', false, true)
      ok(string.format('corpus folder %s: %d articles', d, files))
    else
      warn('corpus folder not readable: ' .. d)
    end
  end
  if #config.options.corpus == 0 then
    ok('no corpus folders configured (open buffers are still compared)')
  end
end

return M
