module github.com/wcblocks/checkoutwasm

go 1.26
