-- quotelens.config: the options of setup() and their defaults.
local M = {}

M.defaults = {
  -- Filetypes attached automatically when a buffer is opened.
  filetypes = { 'text', 'markdown' },
  -- Folders of other sources (wire copy, rival outlets, an archive).
  corpus = {},
  -- Megabytes of corpus files indexed, the newest first; you are told once
  -- what is left out. The co-process's memory is about three times this.
  corpus_max_mb = 100,
  -- Buffers larger than this many megabytes are not followed (you are told
  -- once); analysing them would cost seconds per keystroke.
  max_buffer_mb = 20,
  -- End-of-line text such as "— Ana Ruiz · 3 sources".
  virtual_text = true,
  -- Diagnostics through vim.diagnostic: true, false, or a table for
  -- vim.diagnostic.config() in quotelens's namespace (see display below).
  diagnostics = true,
  -- Open the hover float when the cursor rests on a quote.
  hover_on_cursorhold = false,
  -- The co-process; nil means build/quotelens in the plugin's folder.
  cmd = nil,
  -- Called with the buffer number after quotelens attaches to it.
  on_attach = nil,
}

-- How diagnostics show when `diagnostics = true`. quotelens's highlights
-- and end-of-line text already mark every quote, so its diagnostics show as
-- signs, in floats, vim.diagnostic.goto_next() and the location list; not
-- as underlines or virtual text, which cost Neovim 0.7 a pass over every
-- diagnostic of the buffer on each edit (its vim.diagnostic re-reads their
-- extmarks in on_lines).
M.diagnostic_display = { underline = false, virtual_text = false, signs = true, severity_sort = true }

M.options = vim.deepcopy(M.defaults)

local function list_of_strings(v)
  if not vim.tbl_islist(v) then
    return false
  end
  for _, x in ipairs(v) do
    if type(x) ~= 'string' then
      return false
    end
  end
  return true
end

local function positive(v)
  return type(v) == 'number' and v > 0
end

-- What each option takes, as vim.validate checks it: a type name, a list
-- of them, or a function with the words for what it wants. `list`: a
-- string stands for a list of one.
local specs = {
  filetypes = { list_of_strings, 'a list of filetypes', list = true },
  corpus = { list_of_strings, 'a list of folders', list = true },
  corpus_max_mb = { positive, 'a number above 0' },
  max_buffer_mb = { positive, 'a number above 0' },
  virtual_text = { 'boolean' },
  diagnostics = { { 'boolean', 'table' } },
  hover_on_cursorhold = { 'boolean' },
  cmd = { function(v) return v == nil or type(v) == 'string' or list_of_strings(v) and #v > 0 end,
    'a command: a string or a list of strings' },
  on_attach = { function(v) return v == nil or vim.is_callable(v) end, 'a function' },
}

-- The known option nearest to a mistyped one (two edits at most), or nil.
local function nearest(key)
  local best, best_d = nil, 3
  for name in pairs(specs) do
    local prev = {}
    for j = 0, #name do
      prev[j] = j
    end
    for i = 1, #key do
      local cur = { [0] = i }
      for j = 1, #name do
        cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (key:sub(i, i) == name:sub(j, j) and 0 or 1))
      end
      prev = cur
    end
    if prev[#name] < best_d then
      best, best_d = name, prev[#name]
    end
  end
  return best
end

-- The message of a vim.validate error, without the place it was raised.
local function check(name, value, spec)
  local ok, err = pcall(vim.validate, { [name] = { value, spec[1], spec.optional or spec[2] } })
  if ok then
    return nil
  end
  err = tostring(err):gsub('^[^\n]-:%d+: ', '')
  if type(spec[1]) == 'function' then -- vim.validate would print the value itself
    local got = type(value)
    for _, x in ipairs(type(value) == 'table' and value or {}) do
      got = type(x) ~= 'string' and 'a list holding a ' .. type(x) or got
    end
    err = string.format('%s: expected %s, got %s', name, spec[2], got)
  end
  return err
end

-- Sets the options from setup()'s table: each one checked, a wrong one
-- told (naming it and what it takes) and left at its default, an unknown
-- one told by name. Never raises: a typo must not cost a traceback.
function M.set(opts)
  M.options = vim.deepcopy(M.defaults)
  local problems = {}
  if opts ~= nil and type(opts) ~= 'table' then
    problems[1] = 'setup() takes a table of options, got ' .. type(opts)
    opts = {}
  end
  for key, value in pairs(opts or {}) do
    local spec = specs[key]
    if not spec then
      local near = nearest(tostring(key))
      problems[#problems + 1] = string.format('unknown option %s%s; ignored', tostring(key),
        near and ' (did you mean ' .. near .. '?)' or '')
    else
      if spec.list and type(value) == 'string' then
        value = { value }
      end
      local err = check(key, value, spec)
      if err then
        problems[#problems + 1] = 'option ' .. err .. (M.defaults[key] == nil and '; ignored' or
          string.format('; the default (%s) is used', (vim.inspect(M.defaults[key]):gsub('%s+', ' '))))
      else
        M.options[key] = value
      end
    end
  end
  if #problems > 0 then
    table.sort(problems)
    vim.notify('quotelens: ' .. table.concat(problems, '\nquotelens: '), vim.log.levels.WARN)
  end
  return M.options
end

-- The vim.diagnostic.config() for quotelens's namespace, or nil when off.
function M.diagnostic_config()
  local d = M.options.diagnostics
  if type(d) == 'table' then
    return d
  end
  return d and M.diagnostic_display or nil
end

-- The plugin's folder: two levels above this file.
function M.root()
  local src = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(src, ':p:h:h:h')
end

-- A size in megabytes as whole bytes, for the co-process.
function M.bytes(mb)
  return math.floor(mb * 1024 * 1024)
end

function M.cmd()
  local cmd = M.options.cmd or (M.root() .. '/build/quotelens')
  if type(cmd) == 'string' then
    return { cmd }
  end
  return cmd
end

return M
