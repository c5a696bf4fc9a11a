-- Run after the README's Neovim snippet (loaded as init.lua) by test_neovim.py: the snippet
-- itself must start `reqlint lsp` for the opened file and show its diagnostics.
local out = os.getenv("REQLINT_NVIM_OUT")
local result = {}
local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo.filetype
  result.opened_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message })
  end
  result.clients = #vim.lsp.get_active_clients()
end)
if not ok then result.error = tostring(err) end
local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qa!")
