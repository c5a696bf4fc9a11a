-- Headless Neovim as an LSP client of `reqlint lsp` (Neovim 0.7+: vim.lsp.start_client,
-- vim.diagnostic). Run by test_neovim.py:
--   nvim --headless -u NONE -i NONE -n -c "luafile tests-lsp/nvim/reqlint.lua"
-- with REQLINT_BIN (the server), REQLINT_NVIM_FILE (a request document with one enum error on
-- line 3) and REQLINT_NVIM_OUT (where the results go, as JSON).
local bin = os.getenv("REQLINT_BIN")
local file = os.getenv("REQLINT_NVIM_FILE")
local out = os.getenv("REQLINT_NVIM_OUT")
local v = vim.version()
local result = { nvim = string.format("%d.%d.%d", v.major, v.minor, v.patch) }

local function finish()
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  vim.bo.filetype = "json"
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    cmd = { bin, "lsp" },
    name = "reqlint",
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
    -- Publish on open and save only: the edit below must not clear the diagnostics, the save must.
    init_options = { publishOn = "save" },
  })
  assert(id, "could not start reqlint lsp")
  vim.lsp.buf_attach_client(buf, id)

  local function diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(list, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code,
      })
    end
    return list
  end

  result.opened_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  result.opened = diagnostics()

  -- Fix the value as a person would, then save: the server re-lints on didSave.
  vim.api.nvim_buf_set_lines(buf, 2, 3, false, { '  "JobType": "Default",' })
  vim.wait(300, function() return false end, 20)
  result.after_edit = diagnostics()
  vim.cmd("write")
  result.saved_in_time = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  result.saved = diagnostics()

  vim.lsp.stop_client(id)
  result.stopped = vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end)
if not ok then result.error = tostring(err) end
finish()
