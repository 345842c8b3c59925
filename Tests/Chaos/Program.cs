using KamajiKubeconfig.Chaos;

// `make chaos` (see ChaosCommand): every fault scenario and bad input, the tables, and the totals line.
return await ChaosCommand.RunAsync(args);
