-- Attaching shows the same quotes, speakers and diagnostics as `quotelens
-- scan`, as extmarks and vim.diagnostic, and never touches the buffer.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
H.setup()

local path = H.copy('examples/harbour-herald.txt')
local before = nil

H.case('annotations match a fresh scan of the same text', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  before = H.snapshot(0)
  H.ok(ql.attach(0), 'attach')
  H.wait(0)
  local quotes = ql.quotes(0)
  local rows = H.scan({ path })
  H.eq(#quotes, #rows, 'number of quotes')
  for i, r in ipairs(rows) do
    H.eq({ quotes[i].lnum + 1, quotes[i].col + 1, quotes[i].speaker, quotes[i].kind },
      { r.line, r.col, r.speaker ~= vim.NIL and r.speaker or nil, r.kind }, 'quote ' .. i)
  end
end)

H.case('quotes are extmarks with the highlight of their kind', function()
  local ns = require('quotelens.render').ns
  local marks = vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })
  local spans = {}
  for _, m in ipairs(marks) do
    local d = m[4]
    if d.hl_group == 'QuoteLensQuote' or d.hl_group == 'QuoteLensPartial' or d.hl_group == 'QuoteLensVariant' then
      spans[#spans + 1] = { m[2], m[3], d.end_row, d.end_col }
    end
  end
  local want = {}
  for _, q in ipairs(ql.quotes(0)) do
    want[#want + 1] = { q.lnum, q.col, q.end_lnum, q.end_col }
  end
  table.sort(spans, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
  H.eq(spans, want, 'quote extmarks')
  local virt = 0
  for _, m in ipairs(marks) do
    if m[4].virt_text then
      virt = virt + 1
      H.ok(m[4].virt_text[1][1]:match('^— '), 'virtual text names the speaker')
    end
  end
  H.ok(virt > 0, 'end-of-line virtual text')
end)

H.case('diagnostics are in the plugin namespace', function()
  local ns = require('quotelens.render').ns
  local diags = vim.diagnostic.get(0, { namespace = ns })
  local want = 0
  for _, r in ipairs(H.scan({ path })) do
    want = want + #r.diagnostics
  end
  H.eq(#diags, want, 'diagnostics')
end)

H.case('the buffer, its undo history and modified are untouched', function()
  H.eq(H.snapshot(0), before, 'buffer state')
end)

H.case('status and b:quotelens_changedtick', function()
  H.ok(ql.status(0):match('^%d+ quotes'), 'status: ' .. ql.status(0))
  H.eq(vim.b.quotelens_changedtick, vim.api.nvim_buf_get_changedtick(0), 'changedtick')
end)

H.case('detach clears everything', function()
  ql.detach(0)
  local ns = require('quotelens.render').ns
  H.eq(#vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {}), 0, 'extmarks after detach')
  H.eq(#vim.diagnostic.get(0, { namespace = ns }), 0, 'diagnostics after detach')
  H.eq(H.snapshot(0), before, 'buffer state')
end)

H.case(':checkhealth quotelens reports the binary, its version and Neovim\'s', function()
  local version = vim.trim(vim.fn.system({ H.bin, '--version' }))
  local function report()
    vim.cmd('checkhealth quotelens')
    local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n')
    vim.cmd('bwipeout!')
    return text
  end
  local text = report()
  H.ok(text:find('OK: co-process ' .. H.bin .. ': ' .. version, 1, true), 'binary and version reported:\n' .. text)
  local v = vim.version()
  H.ok(text:find(string.format('OK: Neovim %d.%d.%d', v.major, v.minor, v.patch), 1, true), 'Neovim version')
  local options = require('quotelens.config').options
  local saved = options.cmd
  options.cmd = { H.root .. '/build/no-such-binary' }
  text = report()
  options.cmd = saved
  H.ok(text:find('ERROR: co-process not found', 1, true), 'a missing binary is an error:\n' .. text)
end)

H.case(':help has every command, option, function and highlight group', function()
  vim.cmd('helptags ' .. vim.fn.fnameescape(H.root .. '/doc'))
  local tags = {}
  for _, line in ipairs(vim.fn.readfile(H.root .. '/doc/tags')) do
    tags[line:match('^[^\t]+')] = true
  end
  for name in pairs(vim.api.nvim_get_commands({})) do
    if name:match('^QuoteLens') then
      H.ok(tags[':' .. name], 'help for :' .. name)
    end
  end
  for opt in pairs(require('quotelens.config').defaults) do
    H.ok(tags['quotelens-' .. opt] or tags['quotelens-option-' .. opt], 'help for option ' .. opt)
  end
  for _, f in ipairs({ 'setup', 'quotes', 'status' }) do
    H.ok(tags['quotelens.' .. f .. '()'], 'help for ' .. f .. '()')
  end
  for _, g in ipairs({ 'QuoteLensQuote', 'QuoteLensPartial', 'QuoteLensSpeaker', 'QuoteLensVariant', 'QuoteLensVirtText' }) do
    H.ok(tags['hl-' .. g], 'help for ' .. g)
  end
end)

H.finish()
