-- e2e.lua — `lifeline lsp` driven by a real client: Neovim's built-in LSP client (0.7 API: vim.lsp.start_client and
-- vim.lsp.buf_attach_client, which later versions still have). Run by testcases/check-lsp.sh:
--
--   LIFELINE=/path/to/lifeline LSP_SAMPLE=/tmp/x/leak.c nvim --headless --clean -u NONE \
--     -c 'lua dofile(os.getenv("LSP_SCRIPT"))'
--
-- LSP_SAMPLE is a copy of testcases/lsp/leak.c in a directory without compile_commands.json. The script opens it,
-- waits for the handle-leak diagnostic, asks for the NOLINTNEXTLINE quick fix, applies it (the diagnostic goes),
-- undoes it (it comes back), adds the missing fclose WITHOUT saving (it goes), then stops the server (shutdown +
-- exit, exit code 0). It ends Neovim with :qall! on success and :cquit 1 on any failure, printing everything the server sent.
-- LSP_TIMEOUT_MS (default 60000) bounds each wait.

local TIMEOUT_MS = tonumber(os.getenv("LSP_TIMEOUT_MS") or "60000")

local lifeline = os.getenv('LIFELINE')
local sample = os.getenv('LSP_SAMPLE')
local received = {} -- every notification from the server, in order, for the failure report
local published = {} -- publishDiagnostics params
local exit_code = nil

local function say(msg)
  io.stderr:write(msg .. '\n')
end

local function fail(msg)
  say('check-lsp: FAIL: ' .. msg)
  say('check-lsp: the server sent:\n' .. vim.inspect(received))
  vim.cmd('cquit 1')
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

local function wait_for(what, pred)
  if not vim.wait(TIMEOUT_MS, pred, 20) then
    error('timed out after ' .. TIMEOUT_MS .. ' ms waiting for ' .. what, 2)
  end
end

local function handle_leak(params)
  for _, d in ipairs(params.diagnostics) do
    if d.code == 'handle-leak' then
      return d
    end
  end
  return nil
end

-- The diagnostics published for the buffer's current version (the client sends its changedtick as the version).
local function wait_for_version(bufnr)
  local version = vim.lsp.util.buf_versions[bufnr]
  local found = nil
  wait_for('diagnostics for version ' .. tostring(version), function()
    for i = #published, 1, -1 do
      if published[i].version == version then
        found = published[i]
        return true
      end
    end
    return false
  end)
  return found
end

local function line_of(bufnr, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find(needle, 1, true) then
      return i - 1, l
    end
  end
  error('no line with ' .. needle .. ' in the buffer')
end

local function main()
  check(lifeline and sample, 'LIFELINE and LSP_SAMPLE must be set')
  local client_id = vim.lsp.start_client({
    name = 'lifeline',
    cmd = { lifeline, 'lsp', '--verbose' },
    root_dir = vim.fn.fnamemodify(sample, ':h'),
    flags = { debounce_text_changes = 10 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, params)
        table.insert(received, { method = 'textDocument/publishDiagnostics', params = params })
        table.insert(published, params)
      end,
      ['window/logMessage'] = function(_, params)
        table.insert(received, { method = 'window/logMessage', params = params })
      end,
    },
    on_exit = function(code)
      exit_code = code
    end,
  })
  check(client_id, 'vim.lsp.start_client failed')

  vim.cmd('edit ' .. vim.fn.fnameescape(sample))
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local uri = vim.uri_from_bufnr(bufnr)

  -- 1. The leak is reported on the fopen line, with the rule id as the code.
  wait_for('the first publishDiagnostics', function()
    return #published > 0
  end)
  local first = published[1]
  check(first.uri == uri, 'published for ' .. tostring(first.uri) .. ', expected ' .. uri)
  local leak = handle_leak(first)
  check(leak, 'no handle-leak diagnostic in the first publishDiagnostics')
  local leak_line, leak_text = line_of(bufnr, 'fopen(')
  check(leak.range.start.line == leak_line,
    'handle-leak on line ' .. leak.range.start.line .. ', expected ' .. leak_line)
  check(leak.source == 'lifeline', 'source is ' .. tostring(leak.source))
  check(leak.codeDescription and leak.codeDescription.href:find('handle%-leak%.md'), 'no codeDescription.href')
  local logged = false
  for _, m in ipairs(received) do
    if m.method == 'window/logMessage' and m.params.message:find('compile_commands.json', 1, true) then
      logged = true
    end
  end
  check(logged, 'no window/logMessage about the missing compile_commands.json')

  -- 2. The quick fix: // NOLINTNEXTLINE(lifeline-handle-leak) above, indented like the line.
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = leak.range,
    context = { diagnostics = { leak } },
  }, TIMEOUT_MS)
  local response = responses and responses[client_id]
  check(response and not response.err and response.result, 'codeAction failed: ' .. vim.inspect(responses))
  table.insert(received, { method = 'codeAction response', result = response.result })
  local action = response.result[1]
  check(action and action.kind == 'quickfix', 'no quickfix code action')
  local edit = action.edit.changes[uri][1]
  local indent = leak_text:match('^%s*')
  check(edit.newText == indent .. '// NOLINTNEXTLINE(lifeline-handle-leak)\n', 'quick fix text: ' .. edit.newText)
  check(edit.range.start.line == leak_line and edit.range.start.character == 0, 'quick fix range')
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local comment = vim.api.nvim_buf_get_lines(bufnr, leak_line, leak_line + 1, false)[1]
  check(comment == indent .. '// NOLINTNEXTLINE(lifeline-handle-leak)', 'after the quick fix: ' .. comment)

  -- 3. The suppression works on the unsaved buffer: the diagnostic goes; undone, it comes back.
  local after_fix = wait_for_version(bufnr)
  check(handle_leak(after_fix) == nil, 'handle-leak still reported under NOLINTNEXTLINE')
  vim.api.nvim_buf_set_lines(bufnr, leak_line, leak_line + 1, false, {})
  local undone = handle_leak(wait_for_version(bufnr))
  check(undone and undone.range.start.line == leak_line, 'handle-leak not back on line ' .. leak_line)

  -- 4. Fix the leak in the buffer without saving: the diagnostic must go away.
  local ret_line = line_of(bufnr, 'return n;')
  vim.api.nvim_buf_set_lines(bufnr, ret_line, ret_line, false, { indent .. 'fclose(fp);' })
  check(handle_leak(wait_for_version(bufnr)) == nil, 'handle-leak still reported after the fix')
  check(vim.bo[bufnr].modified, 'the buffer was saved')
  local f = io.open(sample, 'r')
  local on_disk = f:read('*a')
  f:close()
  check(not on_disk:find('fclose(fp)', 1, true), 'the fix reached the disk: the test must analyse unsaved text')

  -- 5. shutdown + exit: exit code 0.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function()
    return exit_code ~= nil
  end)
  check(exit_code == 0, 'lifeline lsp exited with ' .. tostring(exit_code))
end

local ok, err = pcall(main)
if not ok then
  fail(tostring(err))
else
  say('check-lsp: ok (' .. #published .. ' publishDiagnostics)')
  vim.cmd('qall!')
end
