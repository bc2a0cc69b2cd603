-- The keys and commands a new user tries first (issue 14, item 1): one
-- :QuoteLens command with completion and the old names as aliases, a
-- <Plug> mapping per subcommand, counts before mapped keys, jumps that go
-- round with a message, a walk through a quote's copies in one order, a
-- dead co-process restarted by any command, commands that say what they
-- did, and suggested keys that take no built-in key.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')

local corpus = vim.fn.tempname()
H.copy('examples/valdoria-wire.txt', corpus)
H.setup({ corpus = { corpus } })

local dir = vim.fn.tempname()
local herald = H.copy('examples/harbour-herald.txt', dir)
local times = H.copy('examples/coastal-times.txt', dir)
local post = H.copy('examples/island-post.txt', dir)
local bp = H.open(post)
local bt = H.open(times)
local bh = H.open(herald)
for _, b in ipairs({ bp, bt, bh }) do
  H.wait(b)
end

-- The quote of buffer buf whose words start with `words`, once it has n sources.
local function quote(buf, words, n)
  local found
  vim.wait(10000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      local text = table.concat(vim.api.nvim_buf_get_text(buf, q.lnum, q.col, q.end_lnum, q.end_col, {}), ' ')
      if text:sub(1, #words) == words and #q.sources >= (n or 0) then
        found = q
        return true
      end
    end
  end, 10)
  return found
end

-- Collects what vim.notify is told while fn runs.
local function told(fn)
  local said = {}
  local notify = vim.notify
  vim.notify = function(msg) said[#said + 1] = msg end
  local ok, err = pcall(fn)
  vim.notify = notify
  assert(ok, err)
  return said
end

local function floats()
  local list = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      list[#list + 1] = w
    end
  end
  return list
end

local function close_floats()
  for _, w in ipairs(floats()) do
    vim.api.nvim_win_close(w, true)
  end
end

local subs = { 'hover', 'sources', 'next', 'prev', 'next-source', 'prev-source', 'list', 'speakers',
  'attach', 'detach', 'toggle', 'status' }

H.case(':QuoteLens completes its subcommands', function()
  H.eq(vim.fn.getcompletion('QuoteLens ', 'cmdline'), subs, 'every subcommand')
  H.eq(vim.fn.getcompletion('QuoteLens next', 'cmdline'), { 'next', 'next-source' }, 'by prefix')
  H.eq(vim.fn.getcompletion('QuoteLens next ', 'cmdline'), {}, 'one subcommand only')
end)

H.case('every subcommand has its <Plug> mapping and its old :QuoteLens* name', function()
  for _, s in ipairs(subs) do
    H.ok(vim.fn.maparg('<Plug>(quotelens-' .. s .. ')', 'n') ~= '', 'no <Plug>(quotelens-' .. s .. ')')
  end
  for _, c in ipairs({ 'Hover', 'Sources', 'Next', 'Prev', 'NextSource', 'PrevSource', 'List', 'Speakers',
    'Attach', 'Detach', 'Toggle', 'Status' }) do
    H.eq(vim.fn.exists(':QuoteLens' .. c), 2, ':QuoteLens' .. c)
  end
  local said = told(function() vim.cmd('QuoteLens nosuch') end)
  H.ok(said[1] and said[1]:find("unknown subcommand 'nosuch'", 1, true), 'an unknown one is named: ' .. vim.inspect(said))
end)

H.case('a count before a mapped key is no error; next and prev use it', function()
  vim.cmd('buffer ' .. bh)
  local map = function(lhs, rhs) vim.keymap.set('n', lhs, rhs, { buffer = bh, remap = true }) end
  map('K', '<Plug>(quotelens-hover)')
  map(']"', '<Plug>(quotelens-next)')
  map('["', '<Plug>(quotelens-prev)')
  local qs = ql.quotes(bh)
  vim.api.nvim_win_set_cursor(0, { qs[1].lnum + 1, qs[1].col })
  vim.v.errmsg = ''
  vim.api.nvim_feedkeys('3K', 'xt', false)
  H.eq(vim.v.errmsg, '', 'no error for 3K')
  H.eq(#floats(), 1, '3K opens the hover')
  close_floats()
  vim.api.nvim_feedkeys('2]"', 'xt', false)
  H.eq(vim.v.errmsg, '', 'no error for 2]"')
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[3].lnum + 1, qs[3].col }, 'two quotes on')
  vim.api.nvim_feedkeys('["', 'xt', false)
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[2].lnum + 1, qs[2].col }, 'one back')
  for _, c in ipairs({ '3QuoteLensHover', '4QuoteLens status', '2QuoteLensToggle', '3QuoteLens toggle', '2QuoteLensList' }) do
    local ok, err = pcall(vim.cmd, c)
    H.ok(ok, c .. ': ' .. tostring(err))
  end
  vim.cmd('lclose')
  close_floats()
  if not ql.is_attached(bh) then
    vim.cmd('QuoteLens attach')
    H.wait(bh)
  end
end)

H.case('next past the last quote goes round to the first, and says so', function()
  vim.cmd('buffer ' .. bh)
  H.wait(bh)
  local qs = ql.quotes(bh)
  vim.api.nvim_win_set_cursor(0, { qs[#qs].lnum + 1, qs[#qs].col })
  local said = told(function() vim.cmd('QuoteLens next') end)
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[1].lnum + 1, qs[1].col }, 'at the first quote')
  H.ok(said[1] and said[1]:find('past the last quote', 1, true), 'told: ' .. vim.inspect(said))
  said = told(function() vim.cmd('QuoteLens prev') end)
  H.eq(vim.api.nvim_win_get_cursor(0), { qs[#qs].lnum + 1, qs[#qs].col }, 'back at the last')
  H.ok(said[1] and said[1]:find('past the first quote', 1, true), 'told: ' .. vim.inspect(said))
  said = told(function() vim.cmd('QuoteLens prev') end)
  H.eq(said, {}, 'no message when not going round')
end)

H.case('next-source walks every copy by file then line and comes back', function()
  vim.cmd('buffer ' .. bh)
  local q = quote(bh, 'A U.K. pension fund', 2)
  H.ok(q, 'a quote with two other copies')
  local start = { herald, q.lnum + 1 }
  local expect = { start }
  for _, s in ipairs(q.sources) do
    expect[#expect + 1] = { s.file, s.lnum + 1 }
  end
  table.sort(expect, function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2]) end)
  H.ok(vim.tbl_contains(vim.tbl_map(function(e) return e[1] end, expect), corpus .. '/valdoria-wire.txt'),
    'one copy is in the corpus, not followed: ' .. vim.inspect(expect))
  local at
  for i, e in ipairs(expect) do
    if e[1] == herald then
      at = i
    end
  end
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  local seen = {}
  for _ = 1, #expect do
    vim.cmd('QuoteLens next-source')
    seen[#seen + 1] = { vim.api.nvim_buf_get_name(0), vim.api.nvim_win_get_cursor(0)[1] }
  end
  local want = {}
  for k = 1, #expect do
    want[k] = expect[(at + k - 1) % #expect + 1]
  end
  H.eq(seen, want, 'each copy once, in order, then back')
  vim.cmd('QuoteLens prev-source')
  H.eq({ vim.api.nvim_buf_get_name(0), vim.api.nvim_win_get_cursor(0)[1] }, want[#want - 1], 'prev goes back')
  vim.cmd('buffer ' .. bh)
end)

H.case('hover on a buffer that is not followed says so', function()
  vim.cmd('enew')
  vim.api.nvim_buf_set_lines(0, 0, -1, true, { '“Words,” said Ana Ruiz.' })
  local said = told(function() vim.cmd('QuoteLens hover') end)
  H.eq(said, { 'quotelens: not an article buffer: :QuoteLens attach' }, 'the message')
  H.eq(#floats(), 0, 'no float')
  vim.cmd('bwipeout!')
end)

H.case('toggle and detach say what they did', function()
  vim.cmd('buffer ' .. bt)
  local name = vim.fn.fnamemodify(times, ':~:.')
  local said = told(function() vim.cmd('QuoteLens toggle') end)
  H.eq(said, { 'quotelens: stopped following ' .. name .. '; :QuoteLens attach follows it again' }, 'toggle off')
  H.ok(not ql.is_attached(bt), 'not followed')
  said = told(function() vim.cmd('QuoteLens toggle') end)
  H.eq(said, { 'quotelens: following ' .. name }, 'toggle on')
  H.wait(bt)
  said = told(function() vim.cmd('QuoteLensDetach') end)
  H.eq(said, { 'quotelens: stopped following ' .. name .. '; :QuoteLens attach follows it again' }, 'detach')
  said = told(function() vim.cmd('QuoteLens detach') end)
  H.eq(said, { 'quotelens: ' .. name .. ' was not followed' }, 'detach again')
  vim.cmd('QuoteLens attach')
  H.wait(bt)
end)

local function kill()
  local pid
  for _, c in ipairs(vim.api.nvim_list_chans()) do
    if c.mode == 'rpc' and c.stream == 'job' then
      pid = vim.fn.jobpid(c.id)
    end
  end
  vim.loop.kill(pid, 'sigkill')
  H.ok(vim.wait(3000, function() return not ql.running() end, 10), 'the plugin saw it die')
  vim.wait(50)
end

H.case('a dead co-process closes its hover float', function()
  vim.cmd('buffer ' .. bh)
  local q = quote(bh, 'Our door is open', 1)
  vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
  vim.cmd('QuoteLens hover')
  H.eq(#floats(), 1, 'the float is open')
  told(kill)
  H.eq(#floats(), 0, 'closed with the process')
end)

H.case('after the co-process dies, any command restarts it', function()
  local checks = {
    hover = function() return #floats() == 1 end,
    list = function() return #vim.fn.getloclist(0) > 0 end,
    speakers = function() return true end,
    status = function() return true end,
    next = function() return true end,
  }
  for _, name in ipairs({ 'hover', 'list', 'speakers', 'status', 'next' }) do
    vim.cmd('buffer ' .. bh)
    if not ql.running() then
      told(function() vim.cmd('QuoteLens attach') end)
    end
    local q = quote(bh, 'Our door is open', 1)
    vim.api.nvim_win_set_cursor(0, { q.lnum + 1, q.col + 1 })
    told(kill)
    local said = told(function() vim.cmd('QuoteLens ' .. name) end)
    H.ok(ql.running(), name .. ' restarted the co-process')
    H.ok(checks[name](), name .. ' did its work on the restarted one')
    H.ok(not vim.tbl_contains(said, 'quotelens: not an article buffer: :QuoteLens attach'), name .. ': ' .. vim.inspect(said))
    H.wait(bh)
    H.ok(#ql.quotes(bh) > 0, 'annotations back after ' .. name)
    vim.cmd('lclose')
    close_floats()
  end
end)

-- The suggested keys: those of the mappings in a Lua block `map('lhs', '<Plug>…')`.
local function suggested(path)
  local keys = {}
  for _, l in ipairs(vim.fn.readfile(path)) do
    local lhs = l:match("map%('([^']+)', '<Plug>%(quotelens%-")
    if lhs then
      keys[#keys + 1] = lhs
    end
  end
  return keys
end

H.case('the suggested keys in the README and :help take no built-in key', function()
  -- Taken by Neovim (spelling, definitions, quickfix and diagnostics in
  -- later versions and in common plugins) besides every key :help names.
  local builtin = {}
  for _, l in ipairs(vim.fn.readfile(vim.env.VIMRUNTIME .. '/doc/tags')) do
    builtin[l:match('^[^\t]+')] = true
  end
  H.ok(builtin[']s'] and builtin['K'], 'the help tags are read')
  local taken = { ']s', '[s', ']S', '[S', ']q', '[q', ']d', '[d', ']l', '[l', 'gs', ']c', '[c' }
  for _, path in ipairs({ H.root .. '/README.md', H.root .. '/doc/quotelens.txt' }) do
    local keys = suggested(path)
    H.ok(#keys >= 5, 'a suggested set in ' .. path .. ': ' .. vim.inspect(keys))
    for _, k in ipairs(keys) do
      H.ok(not vim.tbl_contains(taken, k), k .. ' is taken, in ' .. path)
      -- K, as LSP hover has it: the one built-in key given a buffer-local meaning.
      H.ok(k == 'K' or not builtin[k], k .. ' is a built-in key (:help ' .. k .. '), in ' .. path)
    end
  end
end)

H.finish()
