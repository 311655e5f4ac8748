return await RealtimeAsr.Server.RealtimeAsrServerHost.RunAsync(args);
