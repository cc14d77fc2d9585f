"""What tests of several apps share: helpers that act as a shopper, an operator or an outside
service would (fixtures shared by all live in tests/conftest.py). A test module imports from
here, never from another app's tests or conftest."""
