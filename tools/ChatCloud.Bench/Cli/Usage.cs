namespace ChatCloud.Bench.Cli;

public static class Usage
{
    public const string Text = """
        ChatCloud.Bench: an IRC load generator for ChatCloud's TCP edge and any other IRC server.

        usage: dotnet run --project tools/ChatCloud.Bench -c Release -- <scenario> [options]

        scenarios
          connect   N clients register (NICK/USER) and JOIN one room; registration rate, failures,
                    server memory per connection
          fanout    N clients in one room, S of them send R msg/s in total for D seconds; end-to-end
                    latency p50/p99/max, deliveries/s, lost and duplicated messages
          rooms     as fanout, with the clients spread over M rooms (default 10)
          ramp      fanout with R doubling each step (default from 400 msg/s, 5 s steps) until p99 is
                    above --p99-bound or anything is lost (after --step-retries); reports the highest
                    passing step

        target
          --host 127.0.0.1 --port 6667     the server (loopback only unless --allow-remote)
          --tls                            TLS; any certificate is accepted and its SHA-256 printed
          --compare name=host:port ...     run against several servers one after another and print
                                           a table with ratios to the first
          --server-pid PID                 sample this process's RSS and CPU (default: the process
                                           listening on the port, from `ss -ltnp`)
          --sasl user:pass                 SASL PLAIN (CAP REQ :sasl); {i} becomes the client index
          --allow-remote                   allow a non-loopback target

        load
          --clients N (200)  --senders S (10)  --rate R msg/s (500)  --duration D s (10)
          --rooms M (1; rooms: 10)  --nick-prefix bench  --drain s (2)  --timeout s (30)
          --connect-rate per s (1000)  --connect-concurrency (64)
          --p99-bound ms (100)  --max-rate msg/s (102400)
          --step-retries N (1)             ramp: run a failed rate again up to N times

        output
          a table on stdout; --json FILE writes every result
        """;
}
