-- quotelens.highlights: the highlight groups, linked by default to standard
-- groups so that every colour scheme works; re-applied on ColorScheme.
local M = {}

local links = {
  QuoteLensQuote = 'String',
  QuoteLensPartial = 'Special',
  QuoteLensMention = 'Comment', -- a title, a nickname, a term: nobody's words
  QuoteLensSpeaker = 'Identifier',
  QuoteLensVariant = 'DiagnosticUnderlineWarn',
  QuoteLensVirtText = 'Comment',
  QuoteLensDiffDelete = 'DiffDelete',
  QuoteLensDiffAdd = 'DiffAdd',
}

function M.define()
  for group, target in pairs(links) do
    vim.api.nvim_set_hl(0, group, { link = target, default = true })
  end
end

return M
