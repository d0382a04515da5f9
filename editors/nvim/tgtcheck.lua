-- tgtcheck for Neovim (0.10+): filetype detection for *.tgt and the `tgtcheck lsp` language server.
--
-- Put this file in ~/.config/nvim/plugin/ (or paste it into init.lua).  It needs
-- `tgtcheck` on PATH with the lsp extra: pip install 'tgtcheck[lsp]'; otherwise set
-- vim.g.tgtcheck_cmd = { '/path/to/.venv/bin/tgtcheck', 'lsp' } before it runs.
-- Hover language: vim.g.tgtcheck_lang = 'en' (default 'ja').

vim.filetype.add({ extension = { tgt = 'tgt' } })

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'tgt',
  callback = function(args)
    vim.bo[args.buf].commentstring = '# %s'
    vim.lsp.start({
      name = 'tgtcheck',
      cmd = vim.g.tgtcheck_cmd or { 'tgtcheck', 'lsp' },
      -- the spec's directory: the data file it names is read relative to the spec
      root_dir = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
      init_options = { lang = vim.g.tgtcheck_lang or 'ja', strict = vim.g.tgtcheck_strict or false },
    }, { bufnr = args.buf })
  end,
})

-- Neovim 0.11+ alternative to the autocmd above:
--   vim.lsp.config('tgtcheck', { cmd = { 'tgtcheck', 'lsp' }, filetypes = { 'tgt' },
--                                root_markers = { '.git' }, init_options = { lang = 'ja' } })
--   vim.lsp.enable('tgtcheck')
