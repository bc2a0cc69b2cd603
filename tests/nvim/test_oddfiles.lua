-- Odd corpus files and odd buffer names in the co-process (issue 13, items
-- 3 and 6): a FIFO, a socket and a link to /dev/zero in a corpus folder
-- never stall it; one article reached by several paths (a symbolic link
-- beside it, the folder given twice) is one source, not two; open in a
-- buffer under yet another path, it leaves the corpus (never the buffer's
-- own source) and comes back when the buffer goes; a source in an unnamed
-- buffer opens that buffer, not a new empty file.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')

local corpus = vim.fn.tempname()
local article = H.copy('examples/coastal-times.txt', corpus)
vim.loop.fs_symlink(article, corpus .. '/coastal-link.txt')
vim.loop.fs_symlink('/dev/zero', corpus .. '/zero.txt')
vim.fn.system({ 'mkfifo', corpus .. '/pipe.txt' })
vim.fn.system({ 'python3', '-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])',
                corpus .. '/sock.txt' })
H.setup({ corpus = { corpus, corpus .. '/.' } })

local function settled(ms)
  local st
  H.ok(vim.wait(ms or 15000, function()
    st = ql.request('quotelens_corpus_status', true)
    return st.passes > 0 and not st.busy
  end, 20), 'the corpus settles')
  return st
end

H.case('odd files never stall it; one article by three paths is one source', function()
  local buf = H.open(H.copy('examples/harbour-herald.txt', vim.fn.tempname()))
  H.wait(buf)
  local st = settled()
  H.eq(ql.request('quotelens_ping'), 'pong', 'the co-process answers')
  H.eq(#st.paths, 1, 'one article indexed, under one path: ' .. vim.inspect(st.paths))
  -- (A quote may match two quotes of one article: count files, not matches.)
  local files = {}
  H.ok(vim.wait(10000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      for _, s in ipairs(q.sources) do
        files[s.file] = true
      end
    end
    return next(files) ~= nil
  end, 20), 'a quote has the corpus article as a source')
  H.eq(vim.tbl_keys(files), st.paths, 'every source is the one article under its one path')
  vim.cmd('bwipeout! ' .. buf)
end)

H.case('a buffer of a corpus file under another path is not its own source', function()
  -- The corpus holds the article once, under the link's path (checked
  -- above); the buffer opens it by its real path.
  local st = settled()
  H.eq(#st.paths, 1, 'indexed once before: ' .. vim.inspect(st.paths))
  local buf = H.open(article)
  H.wait(buf)
  H.ok(vim.wait(10000, function()
    return #ql.request('quotelens_corpus_status', true).paths == 0
  end, 20), 'the corpus copy leaves while the buffer is open')
  for _, q in ipairs(ql.quotes(buf)) do
    for _, s in ipairs(q.sources) do
      H.ok(s.file ~= st.paths[1] and s.file ~= article, 'the buffer is its own source: ' .. s.file)
    end
  end
  vim.cmd('bwipeout! ' .. buf)
  H.ok(vim.wait(10000, function()
    return #ql.request('quotelens_corpus_status', true).paths == 1
  end, 20), 'the corpus copy comes back when the buffer goes')
end)

H.case('a source in an unnamed buffer opens that buffer', function()
  vim.cmd('enew')
  local unnamed = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(unnamed, 0, -1, true, vim.fn.readfile(H.root .. '/examples/harbour-herald.txt'))
  ql.attach(unnamed)
  H.wait(unnamed)
  local buf = H.open(H.copy('examples/coastal-times.txt', vim.fn.tempname()))
  H.wait(buf)
  local found
  H.ok(vim.wait(10000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      for _, s in ipairs(q.sources) do
        if s.bufnr == unnamed then
          found = s
          return true
        end
      end
    end
  end, 20), 'a source in the unnamed buffer, with its buffer number: ' .. vim.inspect(ql.quotes(buf)))
  local before = #vim.api.nvim_list_bufs()
  require('quotelens.ui').open_source(found)
  H.eq(vim.api.nvim_get_current_buf(), unnamed, 'the unnamed buffer is shown')
  H.eq(#vim.api.nvim_list_bufs(), before, 'no new buffer')
  H.eq(vim.api.nvim_win_get_cursor(0), { found.lnum + 1, found.col }, 'at the quote')
end)

H.finish()
