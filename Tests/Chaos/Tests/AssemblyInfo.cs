// The chaos tests mostly wait on other processes (sandbox, controller): run them side by side even on 2 cores.
[assembly: LevelOfParallelism(6)]
