namespace Micrograd.Cli;

/// <summary>Bad input from the user: a malformed argument, an unreadable file, a missing tool. Exit code 2, one line on stderr.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
