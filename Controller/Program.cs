// Entry point placeholder: the hosting wiring arrives with the runtime (workers, applier, leader election).
return 0;
