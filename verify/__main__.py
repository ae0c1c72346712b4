from verify.cli import main

main(prog_name="verify")
