namespace Cxr.Cli;

/// <summary>A command was given arguments that cannot work together; the message tells the user what to change.</summary>
public sealed class CliUsageException(string message) : Exception(message);
