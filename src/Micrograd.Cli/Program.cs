using Micrograd.Cli;
using Micrograd.Cli.Io;

// a descriptor closed by the shell (<&-, >&-, 2>&-) holds the runtime's own pipe: never written or read
var inputClosed = StandardDescriptors.WasClosed(0);
var stderr = new StandardError(StandardDescriptors.WasClosed(2) ? TextWriter.Null : OpenError());
if (StandardDescriptors.WasClosed(1))
{
    stderr.WriteLine("error: cannot write the standard output: it is closed");
    return ExitCodes.BadInput;
}
var terminal = !Console.IsOutputRedirected;
using var stop = StopRequest.ListenToSignals(terminal);
return CliApp.Run(args, new CliOutput(StandardOutput.Open(), stderr)
{
    In = inputClosed ? new ClosedInput() : Console.In,
    InIsStandardInput = !inputClosed,
    Terminal = terminal,
    HelpWidth = terminal ? WindowWidth() : CliOutput.DefaultHelpWidth,
    Stop = stop,
    OutputGone = StandardOutput.ReaderGone,
});

// help fits the terminal's window; a window that reports no width gets the width of help in a file
static int WindowWidth()
{
    try
    {
        return Console.WindowWidth > 0 ? Console.WindowWidth : CliOutput.DefaultHelpWidth;
    }
    catch (Exception e) when (e is IOException or PlatformNotSupportedException)
    {
        return CliOutput.DefaultHelpWidth;
    }
}

// a closed stderr (2>&-) cannot even be opened: its lines are lost, the exit code stays
static TextWriter OpenError()
{
    try
    {
        return Console.Error;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return TextWriter.Null;
    }
}
