-- setup()'s options checked (issue 14, item 2): a wrong type gets one
-- message naming the option and what it takes, never a traceback; an
-- unknown key is named; a string stands for a list of one.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local config = require('quotelens.config')

-- What setup(opts) tells, and whether it raised.
local function setup(opts)
  local said = {}
  local notify = vim.notify
  vim.notify = function(msg) said[#said + 1] = msg end
  local ok, err = pcall(ql.setup, opts)
  vim.notify = notify
  H.ok(ok, 'setup raised: ' .. tostring(err))
  return said
end

local function no_traceback(msg)
  H.ok(not msg:find('shared.lua', 1, true) and not msg:find('traceback', 1, true)
    and not msg:find('%.lua:%d+:'), 'no traceback: ' .. msg)
end

H.case('a wrong type is told once, naming the option and the type it takes', function()
  local cases = {
    { { corpus_max_mb = 'big' }, 'option corpus_max_mb: expected a number above 0, got string' },
    { { max_buffer_mb = -1 }, 'option max_buffer_mb: expected a number above 0, got number' },
    { { on_attach = 'x' }, 'option on_attach: expected a function, got string' },
    { { virtual_text = 'yes' }, 'option virtual_text: expected boolean, got string' },
    { { diagnostics = 1 }, 'option diagnostics: expected boolean|table, got number' },
    { { filetypes = { 'text', 3 } }, 'option filetypes: expected a list of filetypes, got a list holding a number' },
    { { corpus = { dir = '~/wire' } }, 'option corpus: expected a list of folders, got table' },
    { { cmd = 7 }, 'option cmd: expected a command: a string or a list of strings, got number' },
  }
  for _, c in ipairs(cases) do
    local said = setup(c[1])
    H.eq(#said, 1, 'one message for ' .. vim.inspect(c[1]) .. ': ' .. vim.inspect(said))
    H.ok(said[1]:find('quotelens: ' .. c[2], 1, true), 'message: ' .. said[1])
    no_traceback(said[1])
  end
  local said = setup('~/wire')
  H.eq(said, { 'quotelens: setup() takes a table of options, got string' }, 'not a table')
end)

H.case('a wrong option keeps its default, the others apply', function()
  setup({ corpus_max_mb = 'big', virtual_text = false })
  H.eq(config.options.corpus_max_mb, 100, 'default kept')
  H.eq(config.options.virtual_text, false, 'the right one applied')
end)

H.case('an unknown option is named, with the nearest known one', function()
  local said = setup({ virtual_txt = false })
  H.eq(said, { 'quotelens: unknown option virtual_txt (did you mean virtual_text?); ignored' }, 'warning')
  said = setup({ colour = 'red' })
  H.eq(said, { 'quotelens: unknown option colour; ignored' }, 'no near name')
end)

H.case('good options are taken silently; a list replaces the default list', function()
  local said = setup({ filetypes = { 'rst' }, corpus = {}, corpus_max_mb = 50, max_buffer_mb = 10,
    virtual_text = true, diagnostics = { underline = true }, hover_on_cursorhold = false,
    cmd = { H.bin }, on_attach = function() end })
  H.eq(said, {}, 'no message')
  H.eq(config.options.filetypes, { 'rst' }, 'not merged with the default text, markdown')
end)

H.case('a string where a list is expected is a list of one', function()
  local corpus = vim.fn.tempname()
  H.copy('examples/valdoria-wire.txt', corpus)
  local said = setup({ cmd = H.bin, filetypes = 'text', corpus = corpus })
  H.eq(said, {}, 'no message')
  local path = H.copy('examples/harbour-herald.txt')
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  H.eq(vim.bo[buf].filetype, 'text', 'a text buffer')
  H.ok(ql.is_attached(buf), "followed for filetypes = 'text'")
  H.wait(buf)
  local from_corpus = vim.wait(10000, function()
    for _, q in ipairs(ql.quotes(buf)) do
      for _, s in ipairs(q.sources) do
        if s.file:find(corpus, 1, true) then
          return true
        end
      end
    end
    return false
  end, 10)
  H.ok(from_corpus, 'a source found in the corpus folder given as a string')
end)

H.finish()
