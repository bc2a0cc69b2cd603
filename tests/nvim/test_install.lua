-- Help after a plain install (issue 14, item 3): `make` alone makes
-- doc/tags, so :help quotelens works in a package under pack/*/start/ with
-- no plugin manager; without nvim it says so and still succeeds; the README
-- shows the plugin managers running make.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')

-- A copy of what a package holds (built objects with their times, so make
-- has only the tags left to do), under pack/test/start/quotelens.
local pack = vim.fn.tempname()
local dir = pack .. '/pack/test/start/quotelens'
vim.fn.mkdir(dir .. '/build', 'p')
vim.fn.mkdir(dir .. '/doc', 'p')
local function sh(cmd)
  local out = vim.fn.system({ 'sh', '-c', cmd })
  return vim.v.shell_error, out
end
local rc, out = sh(string.format('cd %s && cp -a Makefile src lua plugin %s && cp -a doc/quotelens.txt %s/doc && '
  .. 'cp -a build/quotelens build/obj %s/build', vim.fn.shellescape(H.root), vim.fn.shellescape(dir),
  vim.fn.shellescape(dir), vim.fn.shellescape(dir)))
assert(rc == 0, out)

-- What :help {tag} opens in a Neovim that finds the plugin as a package.
local function help(tag)
  local result = vim.fn.tempname()
  sh(string.format("nvim --headless -u NORC -i NONE -n --cmd 'set packpath^=%s' -c 'silent! help %s' "
    .. "-c 'call writefile([expand(\"%%:t\"), getline(\".\")], \"%s\")' -c 'qa!' </dev/null >/dev/null 2>&1",
    pack, tag, result))
  return vim.fn.filereadable(result) == 1 and vim.fn.readfile(result) or {}
end

H.case('make alone makes doc/tags, and :help quotelens works in a package', function()
  H.ok(help('quotelens')[1] ~= 'quotelens.txt', 'no help before make')
  local code, text = sh('make -C ' .. vim.fn.shellescape(dir) .. ' 2>&1')
  H.eq(code, 0, 'make: ' .. text)
  H.eq(vim.fn.filereadable(dir .. '/doc/tags'), 1, 'doc/tags made')
  local got = help('quotelens')
  H.eq(got[1], 'quotelens.txt', ':help quotelens opens the plugin help')
  H.ok(got[2]:find('*quotelens*', 1, true), 'at its tag: ' .. vim.inspect(got))
  H.eq(help(':QuoteLens-next')[1], 'quotelens.txt', ':help :QuoteLens-next')
  code, text = sh('make -C ' .. vim.fn.shellescape(dir) .. ' 2>&1')
  H.ok(code == 0 and text:find('Nothing to be done', 1, true), 'nothing to do the second time: ' .. text)
end)

H.case('without nvim, make says why there are no tags and succeeds', function()
  vim.fn.delete(dir .. '/doc/tags')
  local bin = vim.fn.tempname()
  vim.fn.mkdir(bin, 'p')
  -- A PATH with a shell and the tools make runs, but no nvim.
  for _, tool in ipairs({ 'sh', 'make', 'pkg-config' }) do
    local path = vim.fn.exepath(tool)
    if path ~= '' then
      vim.loop.fs_symlink(path, bin .. '/' .. tool)
    end
  end
  local code, text = sh(string.format('PATH=%s make -C %s 2>&1', bin, vim.fn.shellescape(dir)))
  H.eq(code, 0, 'make succeeds: ' .. text)
  H.ok(text:find('nvim not found', 1, true) and text:find('helptags', 1, true), 'a note: ' .. text)
  H.eq(vim.fn.filereadable(dir .. '/doc/tags'), 0, 'no tags')
end)

H.case('doc/tags is not tracked by git', function()
  local code = sh('cd ' .. vim.fn.shellescape(H.root) .. ' && git check-ignore -q doc/tags')
  H.eq(code, 0, 'ignored')
end)

H.case('the README installs with lazy.nvim, packer and vim-plug, each running make', function()
  local readme = table.concat(vim.fn.readfile(H.root .. '/README.md'), '\n')
  H.ok(readme:find("%-%- lazy%.nvim\n{ [^\n]*build = 'make' }"), 'lazy.nvim with build = make')
  H.ok(readme:find("%-%- packer%.nvim\nuse { [^\n]*run = 'make' }"), 'packer with run = make')
  H.ok(readme:find("\" vim%-plug\nPlug '[^\n]*', { 'do': 'make' }"), 'vim-plug with do: make')
  H.ok(readme:find('pack/[%w_-]+/start/'), 'a package with no manager')
end)

H.finish()
