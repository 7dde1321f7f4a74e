module github.com/wcblocks/checkoutwasm

go 1.26

require (
	github.com/hack-pad/safejs v0.1.1 // indirect
	github.com/norunners/vert v0.0.0-20221203075838-106a353d42dd // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
