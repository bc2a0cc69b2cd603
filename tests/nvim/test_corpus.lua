-- Corpus folders that change under the co-process: files added, changed,
-- deleted, in subfolders; only what changed is read again, the open
-- buffers' cross-references follow, requests are answered while a large
-- folder is indexed, and corpus_max_mb keeps the newest files.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')

vim.o.hidden = true
local corpus = vim.fn.tempname()
local wire = H.copy('examples/valdoria-wire.txt', corpus)
local dir = vim.fn.tempname()
local herald = H.copy('examples/harbour-herald.txt', dir)
H.setup({ corpus = { corpus } })

local messages = {}
vim.notify = function(msg) messages[#messages + 1] = msg end

local function status(paths)
  return ql.request('quotelens_corpus_status', paths == true)
end

-- Waits for a pass that starts after `before` passes to end.
local function settled(before, ms)
  local st
  H.ok(vim.wait(ms or 10000, function()
    st = status()
    return st.passes > before and not st.busy
  end, 10), 'the corpus settles after pass ' .. before)
  return st
end

-- Whether some quote of buf has a source in `file`.
local function cites(buf, file)
  for _, q in ipairs(ql.quotes(buf)) do
    for _, s in ipairs(q.sources) do
      if s.file == file then
        return true
      end
    end
  end
  return false
end

local function waits_cites(buf, file, want)
  H.ok(vim.wait(10000, function() return cites(buf, file) == want end, 10),
    (want and 'cites ' or 'no longer cites ') .. file)
end

local buf = H.open(herald)
H.wait(buf)

H.case('a file added, changed and deleted is followed, and only it is read', function()
  waits_cites(buf, wire, true)
  local before = H.snapshot(buf)
  local st = settled(0)
  H.eq(st.files, 1, 'one file indexed')
  local reads, speakers = st.reads, st.speakers
  H.ok(speakers > 0, 'its speakers are remembered')

  local coastal = H.copy('examples/coastal-times.txt', corpus)
  st = settled(st.passes)
  H.eq(st.files, 2, 'the added file is indexed')
  H.eq(st.reads, reads + 1, 'only the added file was read')
  waits_cites(buf, coastal, true)
  H.ok(st.speakers > speakers, 'its speakers too')

  vim.fn.writefile({ 'The port was quiet on Sunday.', '', 'No one spoke to reporters.' }, wire)
  st = settled(st.passes)
  H.eq(st.reads, reads + 2, 'only the changed file was read')
  waits_cites(buf, wire, false)
  waits_cites(buf, coastal, true)

  os.remove(coastal)
  st = settled(st.passes)
  H.eq(st.files, 1, 'the deleted file is dropped')
  H.eq(st.reads, reads + 2, 'nothing read for a deletion')
  H.eq(st.speakers, 0, 'its speakers are forgotten (the changed file quotes nobody)')
  waits_cites(buf, coastal, false)
  H.eq(H.snapshot(buf), before, 'text, undo and modified untouched')
end)

H.case('a new subfolder is watched too', function()
  local sub = corpus .. '/desk/late'
  local st = status()
  local coastal = H.copy('examples/coastal-times.txt', sub)
  st = settled(st.passes)
  waits_cites(buf, coastal, true)
  local island = H.copy('examples/island-post.txt', sub)
  st = settled(st.passes)
  H.ok(vim.tbl_contains(status(true).paths, island), 'a file added inside it is indexed')
  -- Deleted and made again before a pass: the new folder needs a new watch.
  vim.fn.delete(corpus .. '/desk', 'rf')
  H.copy('examples/the-ledger.md', sub)
  st = settled(st.passes)
  waits_cites(buf, coastal, false)
  local again = H.copy('examples/coastal-times.txt', sub)
  st = settled(st.passes)
  waits_cites(buf, again, true)
  vim.fn.delete(corpus .. '/desk', 'rf')
  st = settled(st.passes)
  H.eq(st.files, 1, 'a deleted subfolder takes its files along')
  waits_cites(buf, again, false)
  H.eq(#messages, 0, 'nothing to tell the user: ' .. vim.inspect(messages))
end)

H.case('a corpus file opened in a buffer: the buffer is the source while it is open', function()
  local coastal = H.copy('examples/coastal-times.txt', corpus)
  local st = settled(status().passes)
  local reads = st.reads
  local other = H.open(coastal)
  H.wait(other)
  vim.api.nvim_buf_set_lines(other, 0, -1, true, { 'Nothing quoted here.' })
  H.wait(other)
  vim.cmd('buffer ' .. buf)
  waits_cites(buf, coastal, false)
  vim.fn.writefile(vim.fn.readfile(H.root .. '/examples/coastal-times.txt'), coastal .. '.new')
  vim.loop.fs_rename(coastal .. '.new', coastal)
  st = settled(st.passes)
  H.eq(st.reads, reads, 'the open file is not read over the buffer')
  waits_cites(buf, coastal, false)
  vim.cmd('bwipeout! ' .. other)
  waits_cites(buf, coastal, true) -- read again once the buffer is gone
  os.remove(coastal)
  settled(st.passes)
end)

local gen = vim.fn.tempname()
vim.fn.system({ 'python3', H.root .. '/scripts/gen-corpus.py', '--articles', '4000', '--out', gen })
H.ok(vim.v.shell_error == 0, 'gen-corpus ran')

H.case('requests are answered while a large folder is indexed', function()
  local st = status()
  H.setup({ corpus = { corpus, gen } })
  local worst, during = 0, 0
  vim.wait(60000, function()
    local t = vim.loop.hrtime()
    local s = status()
    local ms = (vim.loop.hrtime() - t) / 1e6
    if s.busy then
      during = during + 1
      worst = math.max(worst, ms)
    end
    return s.passes > st.passes and not s.busy
  end, 5)
  st = status()
  H.eq(st.files, 4001, 'every article indexed')
  H.ok(during >= 3, 'asked ' .. during .. ' times while indexing')
  H.ok(worst < 250, string.format('slowest answer while indexing: %.0f ms', worst))
  print(string.format('      %d answers while indexing 4000 articles, slowest %.0f ms', during, worst))
  H.eq(#messages, 0, 'nothing to tell the user: ' .. vim.inspect(messages))
end)

H.case('corpus_max_mb: the newest files within the budget, told once', function()
  local files = vim.fn.globpath(gen, '**/*.txt', false, true)
  -- Distinct times: the i-th file of the listing is the i-th oldest.
  local base = os.time() - 100000
  for i, f in ipairs(files) do
    vim.loop.fs_utime(f, base + i, base + i)
  end
  local function expected(budget)
    local want, total = {}, vim.fn.getfsize(wire)
    for i = #files, 1, -1 do
      local size = vim.fn.getfsize(files[i])
      if total + size <= budget then
        total = total + size
        want[#want + 1] = files[i]
      end
    end
    want[#want + 1] = wire
    table.sort(want)
    return want
  end
  local budget = vim.fn.getfsize(wire)
  for i = #files, #files - 49, -1 do
    budget = budget + vim.fn.getfsize(files[i])
  end
  local st = status()
  messages = {}
  H.setup({ corpus = { corpus, gen }, corpus_max_mb = (budget + 0.5) / 1048576 })
  st = settled(st.passes, 30000)
  local paths = status(true).paths
  table.sort(paths)
  H.eq(#paths, 51, 'the newest 50 articles and the wire file')
  H.eq(paths, expected(budget), 'the newest files')
  H.eq(st.left_out, #files - 50, 'the rest left out')
  vim.wait(1000, function() return #messages > 0 end, 10) -- notify is scheduled
  -- :QuoteLensStatus asks without waiting, and tells when the answers are in.
  local before = #messages
  vim.cmd('QuoteLensStatus')
  vim.wait(5000, function() return #messages > before end, 10)
  local shown = messages[before + 1] or ''
  table.remove(messages, before + 1)
  H.ok(shown:find('corpus 51 files %(0%.0 MB%), ' .. (#files - 50) .. ' left out'), 'status shows it: ' .. shown)
  local told = vim.tbl_filter(function(m) return m:find('corpus_max_mb') end, messages)
  H.eq(#told, 1, 'told once: ' .. vim.inspect(messages))
  H.ok(told[1]:find('4001 files'), 'with how many files there are: ' .. told[1])

  -- The oldest article becomes the newest: it comes in, the oldest kept goes.
  vim.loop.fs_utime(files[1], base + #files + 1, base + #files + 1)
  table.insert(files, table.remove(files, 1))
  st = settled(st.passes)
  paths = status(true).paths
  table.sort(paths)
  H.eq(paths, expected(budget), 'the newest files after one was touched')
  H.eq(#vim.tbl_filter(function(m) return m:find('corpus_max_mb') end, messages), 1, 'not told again')
end)

H.case('a folder taken off the list in setup() leaves the corpus', function()
  local st = status()
  H.setup({ corpus = { corpus } })
  st = settled(st.passes)
  H.eq(status(true).paths, { wire }, 'only the folder still listed')
  H.eq(st.left_out, 0, 'nothing left out')
end)

H.finish()
