module wisewallet/bench/mongoreplay

go 1.21
