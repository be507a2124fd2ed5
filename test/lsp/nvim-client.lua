-- Headless Neovim (0.7 API) as a real LSP client: attach `hacolint lsp --stdio` to two Hacofiles,
-- wait until diagnostics for both arrived, write what vim.diagnostic.get sees as JSON, quit.
local bin = os.getenv("HACOLINT_BIN")
local out = os.getenv("HACOLINT_OUT")
local files = vim.split(os.getenv("HACOLINT_FILES"), ":", { plain = true })

local published = {}
local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  default_handler(err, result, ctx, config)
  if result then published[vim.uri_to_fname(result.uri)] = true end
end

local client_id = vim.lsp.start_client({
  name = "hacolint",
  cmd = { "node", bin, "lsp", "--stdio" },
  root_dir = os.getenv("HACOLINT_ROOT"),
  init_options = { debounceMs = 0 },
})
if not client_id then
  vim.fn.writefile({ vim.fn.json_encode({ error = "start_client failed" }) }, out)
  vim.cmd("qa!")
end

local buffers = {}
for _, path in ipairs(files) do
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  buffers[path] = bufnr
  vim.lsp.buf_attach_client(bufnr, client_id)
end

local ok = vim.wait(20000, function()
  for _, path in ipairs(files) do
    if not published[path] then return false end
  end
  return true
end, 50)

local result = { complete = ok, files = {} }
for path, bufnr in pairs(buffers) do
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(list, { code = code or vim.NIL, message = d.message, lnum = d.lnum, severity = d.severity })
  end
  result.files[path] = list
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(client_id)
vim.wait(1000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qa!")
