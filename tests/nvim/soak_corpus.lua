-- make soak-corpus (not part of make test): a large corpus folder
-- ($SOAK_CORPUS_DIR, see scripts/soak-corpus.sh) indexed while Neovim edits
-- a buffer. Checks that requests are answered and memory stays bounded,
-- and prints the figures BENCH-NOTES.md records.
local H = dofile(os.getenv('QUOTELENS_ROOT') .. '/tests/nvim/helpers.lua')
local ql = require('quotelens')
local config = require('quotelens.config')

local corpus = assert(os.getenv('SOAK_CORPUS_DIR'), 'SOAK_CORPUS_DIR')
local messages = {}
vim.notify = function(msg) messages[#messages + 1] = msg end

local function memory()
  for _, c in ipairs(vim.api.nvim_list_chans()) do
    if c.mode == 'rpc' and c.stream == 'job' then
      local rss, peak
      for _, l in ipairs(vim.fn.readfile('/proc/' .. vim.fn.jobpid(c.id) .. '/status')) do
        rss = rss or tonumber(l:match('^VmRSS:%s*(%d+)'))
        peak = peak or tonumber(l:match('^VmHWM:%s*(%d+)'))
      end
      return rss / 1024, peak / 1024
    end
  end
end

-- Asks for the corpus status until a pass after `before` ends; returns the
-- status, the seconds taken and the answer times in ms, sorted.
local function until_settled(before)
  local t0, times, st = vim.loop.hrtime(), {}, nil
  vim.wait(3600 * 1000, function()
    local t = vim.loop.hrtime()
    st = ql.request('quotelens_corpus_status')
    times[#times + 1] = (vim.loop.hrtime() - t) / 1e6
    return st.passes > before and not st.busy
  end, 20)
  table.sort(times)
  return st, (vim.loop.hrtime() - t0) / 1e9, times
end

local function pct(times, p)
  return times[math.max(1, math.ceil(#times * p))]
end

H.setup({ corpus = { corpus }, corpus_max_mb = tonumber(os.getenv('SOAK_CORPUS_MAX_MB')) })
local buf = H.open(H.copy('examples/harbour-herald.txt'))

H.case('a large corpus folder is indexed within the budget, requests answered', function()
  local st, secs, times = until_settled(0)
  local rss, peak = memory()
  print(string.format('      indexed %d of %d files (%.0f MB) in %.1f s; %d answers meanwhile: ' ..
    'median %.1f ms, p99 %.1f ms, max %.1f ms; co-process RSS %.0f MB, peak %.0f MB',
    st.files, st.found, st.bytes / 1048576, secs, #times, pct(times, 0.5), pct(times, 0.99),
    times[#times], rss, peak))
  H.ok(st.bytes <= config.bytes(config.options.corpus_max_mb), 'within the budget')
  -- Slices are short; what remains slow is the index sorting what a pass
  -- put in when the views are redone (every second of a pass).
  H.ok(pct(times, 0.5) < 50 and times[#times] < 1500, 'requests answered while indexing')
  if st.left_out > 0 then
    vim.wait(1000, function() return #messages > 0 end, 10) -- notify is scheduled
    H.eq(#vim.tbl_filter(function(m) return m:find('corpus_max_mb') end, messages), 1,
      'told once what was left out: ' .. vim.inspect(messages))
    print('      told: ' .. messages[1])
  end
  H.wait(buf)
  H.ok(#ql.quotes(buf) > 0, 'the buffer is annotated')
end)

H.case('one added file is followed in a walk of the whole folder', function()
  local st = ql.request('quotelens_corpus_status')
  local added = H.copy('examples/coastal-times.txt', corpus)
  local st2, secs, times = until_settled(st.passes)
  os.remove(added)
  H.eq(st2.reads, st.reads + 1, 'only the new file read')
  print(string.format('      one added file followed in %.2f s (debounce 0.2 s); slowest answer %.1f ms',
    secs, times[#times]))
  until_settled(st2.passes)
end)

H.case('typing in a buffer beside the large corpus', function()
  local lat = {}
  for i = 1, 50 do
    local t = vim.loop.hrtime()
    vim.api.nvim_buf_set_lines(buf, 0, 0, true, { '“We will not be rushed,” Ana Ruiz said ' .. i .. ' times.' })
    H.wait(buf)
    lat[#lat + 1] = (vim.loop.hrtime() - t) / 1e6
  end
  table.sort(lat)
  print(string.format('      edit to annotation: median %.0f ms, p99 %.0f ms', pct(lat, 0.5), pct(lat, 0.99)))
  local rss, peak = memory()
  print(string.format('      co-process at the end: RSS %.0f MB, peak %.0f MB', rss, peak))
end)

H.finish()
