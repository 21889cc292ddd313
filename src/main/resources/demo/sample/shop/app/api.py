"""HTTP endpoint of the checkout worker: POST /orders places an order from a cart."""

from flask import Flask, jsonify, request

from app.checkout import Cart, Line, place_order

app = Flask(__name__)


@app.post("/orders")
def create_order():
    body = request.get_json(force=True)
    cart = Cart(lines=[Line(l["sku"], int(l["quantity"]), l["unit_price"]) for l in body["lines"]])
    order = place_order(cart)
    return jsonify(order_id=order.id, total=str(order.total)), 201
