using Micrograd.Cli;
using Micrograd.Cli.Io;

var terminal = !Console.IsOutputRedirected;
var stderr = new StandardError(OpenError());
using var stop = StopRequest.ListenToSignals(terminal);
return CliApp.Run(args, new CliOutput(StandardOutput.Open(), stderr)
{
    In = Console.In,
    Terminal = terminal,
    Stop = stop,
    OutputGone = StandardOutput.ReaderGone,
});

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
