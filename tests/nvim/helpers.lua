-- Helpers for the headless Neovim tests: start the plugin on the real
-- co-process, open real files, wait for annotations, and report cases.
local H = {}

H.root = os.getenv('QUOTELENS_ROOT') or vim.fn.getcwd()
H.bin = H.root .. '/' .. (os.getenv('QL') or 'build/quotelens')

local failures, passed = 0, 0

function H.setup(opts)
  local cmd = { H.bin }
  local wrapper = os.getenv('QUOTELENS_WRAPPER')
  if wrapper and wrapper ~= '' then
    cmd = vim.split(wrapper .. ' ' .. H.bin, ' ', { trimempty = true })
    require('quotelens').timeout = 60000 -- valgrind: answers come tens of times slower
  end
  require('quotelens').setup(vim.tbl_extend('force', { cmd = cmd, filetypes = {} }, opts or {}))
end

-- A fresh copy of a file in a temporary folder, so no test can change the repo.
function H.copy(rel, dir)
  dir = dir or vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local dest = dir .. '/' .. vim.fn.fnamemodify(rel, ':t')
  vim.fn.writefile(vim.fn.readfile(H.root .. '/' .. rel, 'b'), dest, 'b')
  return dest, dir
end

function H.open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  require('quotelens').attach(buf)
  return buf
end

-- Waits until the annotations on screen belong to the buffer's changedtick.
function H.wait(buf, ms)
  buf = buf or vim.api.nvim_get_current_buf()
  local ok = vim.wait(ms or 10000, function()
    return vim.b[buf].quotelens_changedtick == vim.api.nvim_buf_get_changedtick(buf)
  end, 5)
  assert(ok, 'annotations never caught up with changedtick ' .. vim.api.nvim_buf_get_changedtick(buf))
end

-- What `quotelens scan --json` says of files, as decoded rows.
function H.scan(files)
  local cmd = { H.bin, 'scan', '--json' }
  vim.list_extend(cmd, files)
  local out = vim.fn.system(table.concat(vim.tbl_map(vim.fn.shellescape, cmd), ' ') .. ' 2>/dev/null')
  local rows = {}
  for _, l in ipairs(vim.split(out, '\n', { trimempty = true })) do
    rows[#rows + 1] = vim.fn.json_decode(l)
  end
  return rows
end

function H.eq(a, b, what)
  if not vim.deep_equal(a, b) then
    error(string.format('%s: expected %s, got %s', what or 'values differ', vim.inspect(b), vim.inspect(a)), 2)
  end
end

function H.ok(cond, what)
  if not cond then
    error(what or 'assertion failed', 2)
  end
end

-- Everything about a buffer that the plugin must never change.
function H.snapshot(buf)
  return {
    lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true),
    modified = vim.bo[buf].modified,
    undo = vim.api.nvim_buf_call(buf, function() return vim.fn.undotree().seq_last end),
  }
end

function H.case(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    print('ok    ' .. name)
  else
    failures = failures + 1
    print('FAIL  ' .. name .. '\n' .. tostring(err))
  end
end

function H.finish()
  print(string.format('%d passed, %d failed', passed, failures))
  vim.cmd(failures == 0 and 'qa!' or 'cq 1')
end

return H
