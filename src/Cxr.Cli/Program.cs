using Cxr.Cli;

return await CxrApp.RunAsync(args).ConfigureAwait(false);
